"""A large index is ranked in parts on separate connections at once; the page, the total and
every facet count are exactly what one statement over the whole index gives, and the parts
keep the viewer's visibility."""

from datetime import UTC, datetime

import pytest

from access.search import tier_tokens
from search import service
from search.backends import database
from search.backends.base import SearchRequest
from search.backends.database import DatabaseBackend
from search.query import parse

from .helpers import titles

WORDS = "harvest crews housing debt wages recruiter visa orchard cannery".split()


def snapshot(results):
    return (
        [(hit.kind, hit.object_id, hit.title_html, hit.snippet_html) for hit in results.hits],
        results.total,
        results.facets,
    )


@pytest.fixture
def large_index(index, settings, monkeypatch):
    """Sixty items, some sharing scores and dates, so the merge's tie-breaks are exercised;
    ten matches make a query broad."""
    settings.SEARCH_DATABASE_PARALLEL_FROM = 0
    monkeypatch.setattr(database, "BROAD", 10)
    database._CUTS.clear()
    index(
        *[
            {
                "object_id": str(n),
                "kind": ["library", "forum"][n % 2],
                "title": f"{WORDS[n % 9].capitalize()} {WORDS[(n * 7) % 9]} {n}",
                "body": " ".join(WORDS[(n + k) % 9] for k in range(n % 5 + 1)) + " harvest",
                "date": None if n % 11 == 0 else datetime(2020 + n % 4, 1 + n % 3, 1, tzinfo=UTC),
                "facets": {"topic": [["Labor trafficking", "Youth", "Housing"][n % 3]]},
                "access": tier_tokens("members" if n % 6 == 0 else "public"),
            }
            for n in range(60)
        ]
    )
    yield
    database._CUTS.clear()


SEARCHES = [
    {"text": "harvest"},
    {"text": "harvest", "page": 2},
    {"text": "harvest", "page": 9},
    {"text": "debt wages", "sort": "date"},
    {"text": "harvest -orchard", "filters": {"topic": ["Youth"]}},
    {"text": "", "filters": {"kind": ["forum"]}},
]


@pytest.mark.django_db(transaction=True)
def test_parts_give_the_same_page_total_and_facets_as_one_statement(large_index, users, settings):
    for search in SEARCHES:
        settings.SEARCH_DATABASE_WORKERS = 1
        whole = snapshot(service.search(users["member"], **search))
        assert whole[0] or search.get("page"), search  # all but the page past the end find some
        settings.SEARCH_DATABASE_WORKERS = 3
        assert len(DatabaseBackend()._parts(request(search["text"]))) == 3, search
        assert snapshot(service.search(users["member"], **search)) == whole, search


def request(text: str) -> SearchRequest:
    return SearchRequest(parsed=parse(text, []), tokens=frozenset({"members"}))


@pytest.mark.django_db(transaction=True)
def test_a_query_matching_few_entries_is_read_whole(large_index, settings):
    """Each part would pay the fixed cost of weighing the words, most of a selective query's."""
    settings.SEARCH_DATABASE_WORKERS = 2
    assert DatabaseBackend()._parts(request("cannery 3")) == [(None, None)]
    assert len(DatabaseBackend()._parts(request("harvest"))) == 2


@pytest.mark.django_db(transaction=True)
def test_parts_show_a_visitor_only_what_a_visitor_may_open(large_index, settings):
    settings.SEARCH_DATABASE_WORKERS = 2
    results = service.search(None, "harvest")
    assert results.total == 50  # the ten members-only items are not counted
    assert not any(title.endswith((" 0", " 6", " 12")) for title in titles(results))
    assert sum(f.count for f in results.facets["topic"]) == 50


@pytest.mark.django_db
def test_inside_a_transaction_the_index_is_read_whole(index, settings):
    """Other connections would not see what the transaction wrote (a test's, too)."""
    settings.SEARCH_DATABASE_WORKERS = 2
    settings.SEARCH_DATABASE_PARALLEL_FROM = 0
    database._CUTS.clear()
    index({"title": "Harvest crews"})
    assert DatabaseBackend()._parts() == [(None, None)]
    assert titles(service.search(None, "harvest")) == ["Harvest crews"]


@pytest.mark.django_db(transaction=True)
def test_a_small_index_is_read_whole(index, settings):
    settings.SEARCH_DATABASE_WORKERS = 2
    settings.SEARCH_DATABASE_PARALLEL_FROM = 1000
    database._CUTS.clear()
    index({"title": "Harvest crews"}, {"title": "Harvest housing"})
    assert DatabaseBackend()._parts() == [(None, None)]
    database._CUTS.clear()
