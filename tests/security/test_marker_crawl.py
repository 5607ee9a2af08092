"""Markers planted in restricted content (every private forum group, held and hidden posts,
mentoring requests, offers, technical assistance and the conflict register, join requests,
drafts and unpublished revisions, every page type with an access tier, private files, and
search entries at every tier) never reach anyone the access policy keeps out: not on any
page, list, search result, suggestion, feed, sitemap or file."""

from urllib.parse import unquote

import pytest

from .crawler import CONTROL, KINDS

pytestmark = pytest.mark.django_db

SEARCH_PATHS = ("/search/?", "/search/suggest/?")


def _echoes(crawl, kind, path) -> int:
    """How often this kind of search page repeats its query (the box, the heading): found
    by asking for a marker that was never planted."""
    endpoint = path.split("?")[0]
    control = crawl.extra[(kind, f"{endpoint}?q={CONTROL}")]
    return control.content.count(CONTROL.encode())


def _search_shows(crawl, kind, path, result, text) -> bool:
    return result.content.count(text.encode()) > _echoes(crawl, kind, path)


def _leaks(crawl, kind):
    hidden = [m for m in crawl.world.markers if not crawl.may_see[(kind, m.text)]]
    responses = [(path, r) for (k, path), r in crawl.gets.items() if k == kind]
    responses += [(path, r) for (k, path), r in crawl.extra.items() if k == kind]
    found = []
    for path, result in responses:
        for marker in hidden:
            # Asking for a marker by name (a search, a page's slug) is not learning it: what
            # counts is content beyond the echo of what was asked.
            if marker.text in unquote(path):
                if path.startswith(SEARCH_PATHS) and _search_shows(
                    crawl, kind, path, result, marker.text
                ):
                    found.append(f"{path}: {marker.where}")
            elif marker.text.encode() in result.content:
                found.append(f"{path} [{result.status}]: {marker.where}")
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_no_marker_reaches_anyone_the_policy_keeps_out(crawl, kind):
    leaks = _leaks(crawl, kind)
    assert not leaks, "\n".join(leaks)


def test_markers_are_planted_in_every_restricted_place(crawl):
    """The crawl is only as good as what it plants: each kind of restricted content."""
    places = {m.where for m in crawl.world.markers}
    for expected in (
        "discipline topic title",
        "invite reply",
        "region attachment content",
        "held post",
        "hidden post",
        "mentee request goals",
        "technical assistance details",
        "conflict register note",
        "join request message",
        "draft page",
        "unpublished revision",
        "private document content",
        "law enforcement tier entry",
        "one user's draft entry",
    ):
        assert expected in places


def test_people_the_policy_lets_in_do_find_the_markers(crawl):
    """The crawl can see leaks at all: staff find restricted markers in pages, search results
    and files (if they found nothing, "no leak" would prove nothing)."""
    staff_content = b"".join(
        r.content for (k, _), r in [*crawl.gets.items(), *crawl.extra.items()] if k == "staff"
    )
    seen = {m.where for m in crawl.world.markers if m.text.encode() in staff_content}
    for expected in (
        "discipline topic title",
        "law enforcement tier entry",
        "private document content",
        "technical assistance details",
        "join request message",
    ):
        assert expected in seen
    found = [
        path
        for (k, path), r in crawl.extra.items()
        if k == "prosecutor" and path.startswith("/search/?")
        for m in crawl.world.markers
        if m.where == "law enforcement tier entry"
        and m.text in path
        and crawl.may_see[("prosecutor", m.text)]
        and _search_shows(crawl, "prosecutor", path, r, m.text)
    ]
    assert found, "a prosecutor's search finds the law-enforcement-tier entry"
