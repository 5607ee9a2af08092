"""Ranking over a small fixed practitioner corpus: what a practitioner expects comes first."""

import pytest

from search import service

from .helpers import titles

pytestmark = pytest.mark.django_db

CORPUS = [
    {
        "title": "Child Sex Trafficking Toolkit",
        "keywords": "toolkit child sex trafficking",
        "body": "A toolkit for task forces responding to the sex trafficking of children.",
    },
    {
        "title": "Labor Trafficking Indicators in Agriculture",
        "body": "Indicators of labor trafficking on farms, dairies and in agricultural work.",
    },
    {
        "title": "Child welfare and trafficking: a webinar",
        "body": "Child welfare agencies discuss trafficking screening. Toolkit mentioned briefly.",
    },
    {
        "title": "Sex trafficking prosecutions overview",
        "body": "Prosecutors review sex trafficking cases and children's testimony.",
    },
    {
        "title": "T Visa Certification Guide",
        "keywords": "T visa, certification, immigration",
        "body": "How law enforcement completes a T visa declaration (Form I-914 Supplement B).",
    },
    {
        "title": "Forensic Interviewing of Minors",
        "keywords": "forensic interview, minors",
        "body": "Child forensic interview protocols for minor victims of trafficking.",
    },
    {
        "title": "Information Sharing Protocol Checklist",
        "body": "A checklist for a protocol on information sharing between task force partners.",
    },
    {"title": "Victim services intake form", "body": "Intake for victim service providers."},
]


@pytest.fixture
def corpus(index):
    return index(*CORPUS)


@pytest.mark.parametrize(
    "query,first",
    [
        ("child sex trafficking toolkit", "Child Sex Trafficking Toolkit"),
        ("labor trafficking indicators agriculture", "Labor Trafficking Indicators in Agriculture"),
        ("T visa certification", "T Visa Certification Guide"),
        ("forensic interview minor", "Forensic Interviewing of Minors"),
        ("protocol information sharing checklist", "Information Sharing Protocol Checklist"),
        ("intake", "Victim services intake form"),
    ],
)
def test_the_expected_item_comes_first(corpus, query, first):
    assert titles(service.search(None, query))[0] == first


def test_a_title_match_outranks_a_passing_mention(corpus):
    ranked = titles(service.search(None, "webinar"))
    assert ranked == ["Child welfare and trafficking: a webinar"]
    ranked = titles(service.search(None, "toolkit"))
    assert ranked[0] == "Child Sex Trafficking Toolkit"


def test_plural_and_singular_rank_alike(corpus):
    assert (
        titles(service.search(None, "indicator"))[0]
        == titles(service.search(None, "indicators"))[0]
    )


def test_a_phrase_and_an_exclusion_narrow_the_ranking(corpus):
    assert titles(service.search(None, '"sex trafficking" -toolkit')) == [
        "Sex trafficking prosecutions overview"
    ]
