"""The behaviour every backend promises (run against each configured backend)."""

from datetime import UTC, datetime

import pytest

from access.search import tier_tokens
from search import service
from search.models import Synonym

from .helpers import titles

pytestmark = pytest.mark.django_db


def test_singular_and_plural_find_the_same_items(index):
    """Stemming: "prosecutor" and "prosecutors" are one word to a practitioner."""
    index(
        {"title": "Guide for prosecutors"},
        {"title": "A prosecutor's checklist"},
        {"title": "Victim services intake"},
    )
    singular = set(titles(service.search(None, "prosecutor")))
    plural = set(titles(service.search(None, "prosecutors")))
    assert singular == plural == {"Guide for prosecutors", "A prosecutor's checklist"}


def test_quotes_make_a_phrase(index):
    index(
        {"title": "Labor trafficking in agriculture"},
        {"title": "Trafficking of farm labor", "body": "labor on farms, trafficking cases"},
    )
    assert titles(service.search(None, '"labor trafficking"')) == [
        "Labor trafficking in agriculture"
    ]


def test_minus_excludes_a_word(index):
    index({"title": "Forensic interview webinar"}, {"title": "Forensic interview protocol"})
    assert titles(service.search(None, "forensic interview -webinar")) == [
        "Forensic interview protocol"
    ]


def test_every_word_must_match_when_some_item_has_them_all(index):
    index({"title": "Dairy farm labor outreach"}, {"title": "Dairy industry overview"})
    results = service.search(None, "dairy labor")
    assert titles(results) == ["Dairy farm labor outreach"]
    assert not results.any_word


def test_items_with_some_words_are_shown_when_none_has_them_all(index):
    index({"title": "Dairy industry overview"}, {"title": "Cannery inspections"})
    results = service.search(None, "dairy cannery zyzzyva")
    assert set(titles(results)) == {"Dairy industry overview", "Cannery inspections"}
    assert results.any_word


def test_snippets_highlight_matched_words_and_escape_everything_else(index):
    index(
        {
            "title": "Intake <script>alert(1)</script> form",
            "body": "Use this <b>intake</b> form with every referral & keep it safe.",
        }
    )
    hit = service.search(None, "intake").hits[0]
    assert "<mark>Intake</mark>" in hit.title_html
    assert "&lt;script&gt;" in hit.title_html and "<script>" not in hit.title_html
    assert "<mark>intake</mark>" in hit.snippet_html and "<b>" not in hit.snippet_html
    assert "&amp;" in hit.snippet_html


def test_facets_count_matching_items_by_kind_topic_audience_and_year(index):
    index(
        {
            "kind": "library",
            "title": "Toolkit one",
            "facets": {"topic": ["Labor"], "audience": ["Prosecutors"]},
            "date": datetime(2023, 5, 1, tzinfo=UTC),
        },
        {
            "kind": "library",
            "title": "Toolkit two",
            "facets": {"topic": ["Labor", "Youth"]},
            "date": datetime(2024, 5, 1, tzinfo=UTC),
        },
        {
            "kind": "forum",
            "title": "Toolkit question",
            "facets": {"topic": ["Youth"]},
            "date": datetime(2024, 6, 1, tzinfo=UTC),
        },
    )
    results = service.search(None, "toolkit")
    counts = {name: {f.value: f.count for f in values} for name, values in results.facets.items()}
    assert results.total == 3
    assert counts["kind"] == {"library": 2, "forum": 1}
    assert counts["topic"] == {"Labor": 2, "Youth": 2}
    assert counts["audience"] == {"Prosecutors": 1}
    assert counts["year"] == {"2023": 1, "2024": 2}


def test_a_selected_facet_narrows_results_but_keeps_its_other_values_counted(index):
    index(
        {"kind": "library", "title": "Toolkit one"}, {"kind": "forum", "title": "Toolkit question"}
    )
    results = service.search(None, "toolkit", filters={"kind": ["forum"]})
    assert titles(results) == ["Toolkit question"]
    assert results.total == 1
    kinds = {f.value: (f.count, f.selected) for f in results.facets["kind"]}
    assert kinds == {"library": (1, False), "forum": (1, True)}


def test_results_sort_by_date_newest_first(index):
    index(
        {"title": "Old toolkit", "date": datetime(2019, 1, 1, tzinfo=UTC)},
        {"title": "New toolkit", "date": datetime(2025, 1, 1, tzinfo=UTC)},
        {"title": "Undated toolkit"},
    )
    assert titles(service.search(None, "toolkit", sort="date")) == [
        "New toolkit",
        "Old toolkit",
        "Undated toolkit",
    ]


def test_results_are_paginated_twenty_at_a_time(index):
    index(*[{"title": f"Outreach guide {n}"} for n in range(45)])
    first = service.search(None, "outreach")
    third = service.search(None, "outreach", page=3)
    assert (first.total, first.num_pages, len(first.hits)) == (45, 3, 20)
    assert len(third.hits) == 5
    assert not set(titles(first)) & set(titles(third))


def test_suggestions_complete_the_last_word_from_titles(index):
    index({"title": "Trauma-informed interviewing"}, {"title": "Labor trafficking indicators"})
    suggestions, degraded = service.suggest(None, "trauma inter")
    assert [s.title for s in suggestions] == ["Trauma-informed interviewing"]
    assert not degraded


def test_editors_synonyms_find_either_expression(index):
    Synonym.objects.create(terms="CSEC, commercial sexual exploitation of children")
    index(
        {"title": "Responding to commercial sexual exploitation of children"},
        {"title": "CSEC screening tool"},
    )
    assert set(titles(service.search(None, "csec"))) == {
        "Responding to commercial sexual exploitation of children",
        "CSEC screening tool",
    }
    assert len(service.search(None, "commercial sexual exploitation of children").hits) == 2


def test_filters_without_words_browse_newest_first(index):
    index(
        {"kind": "forum", "title": "Older thread", "date": datetime(2020, 1, 1, tzinfo=UTC)},
        {"kind": "forum", "title": "Newer thread", "date": datetime(2024, 1, 1, tzinfo=UTC)},
        {"kind": "library", "title": "A resource"},
    )
    assert titles(service.search(None, "", filters={"kind": ["forum"]})) == [
        "Newer thread",
        "Older thread",
    ]


def test_reindexing_an_item_replaces_its_entry(index):
    index({"object_id": "7", "title": "Draft name"})
    index({"object_id": "7", "title": "Final name"})
    assert titles(service.search(None, "name")) == ["Final name"]


def test_removed_items_are_no_longer_found(index):
    index({"object_id": "8", "title": "Withdrawn guidance", "access": tier_tokens("public")})
    service.delete_document("library", "8")
    assert service.search(None, "withdrawn").total == 0
