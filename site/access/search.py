"""Visibility as tokens, so that search (database or Elasticsearch) filters before scoring.

Every indexed item carries the tokens of the people who may open it; a viewer may see an
item when they share at least one token. Tokens are built only here and in the apps' access
modules (through ``register_token_provider``), so search never decides access on its own.

Vocabulary: ``public``, ``members``, ``law_enforcement`` (the tiers), ``staff``,
``user:<id>`` (an author's own drafts), and app tokens such as ``forum-space:<id>``.
"""

from collections.abc import Callable, Iterable

from .core import Viewer, rule, viewer_for
from .tiers import Tier, tiers_for

TokenProvider = Callable[[Viewer], Iterable[str]]
_providers: list[TokenProvider] = []

STAFF = "staff"


def register_token_provider(provider: TokenProvider) -> None:
    _providers.append(provider)


def tier_tokens(tier: str) -> frozenset[str]:
    """Who may open an item published at this tier (staff always may)."""
    return frozenset({Tier(tier).value, STAFF})


def user_token(user_id: int) -> str:
    return f"user:{user_id}"


def tokens_for(user) -> frozenset[str]:
    """Every token this viewer holds."""
    viewer = viewer_for(user)
    tokens = set(tiers_for(viewer))
    if viewer.is_staff:
        tokens.add(STAFF)
    if viewer.is_authenticated:
        tokens.add(user_token(viewer.id))
    for provider in _providers:
        tokens.update(provider(viewer))
    return frozenset(tokens)


def may_see(user, item_tokens: Iterable[str]) -> bool:
    return not tokens_for(user).isdisjoint(item_tokens)


@rule("search.view_reports")
def can_view_search_reports(viewer: Viewer, obj=None) -> bool:
    """What people search for and do not find is for staff and editors of search."""
    return viewer.is_staff or viewer.has_perm("search.view_zeroresultquery")
