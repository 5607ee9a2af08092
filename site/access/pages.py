"""Wagtail pages: every page the site serves asks ``page.view`` first (core's
``before_serve_page`` hook), and anything that links to a page (cards, related items) asks the
same rule. Apps register the rule for their page classes with ``register_page_rule``; the
most specific class wins. Pages no app claims are visible when live (staff see drafts through
the admin's preview, not here)."""

from collections.abc import Callable

from .core import Viewer, rule

PageRule = Callable[[Viewer, object], bool]
_page_rules: list[tuple[type, PageRule]] = []


def register_page_rule(page_class: type, check: PageRule) -> None:
    _page_rules.append((page_class, check))


def _rule_for(page) -> PageRule | None:
    for klass in type(page).__mro__:
        for registered, check in _page_rules:
            if registered is klass:
                return check
    return None


@rule("page.view")
def can_view_page(viewer: Viewer, page) -> bool:
    page = page.specific if type(page).__name__ == "Page" else page
    check = _rule_for(page)
    if check is not None:
        return bool(check(viewer, page))
    return bool(page.live)
