"""Whatever is typed into the URL, the page answers normally (never a 500)."""

import pytest

pytestmark = pytest.mark.django_db

BAD_QUERIES = [
    "",
    "   ",
    "x" * 10_000,
    "word " * 2_000,
    '"',
    '""',
    "*",
    "NEAR(",
    "NEAR(a b",
    "OR OR",
    "AND",
    "NOT",
    "'); --",
    "'; DROP TABLE search_indexentry; --",
    "-",
    "--",
    "- -",
    '-"',
    "-labor",
    '"unclosed phrase',
    "title:secret",
    "{title}: x",
    "^start",
    "a*b*",
    "(((",
    ")",
    "&&",
    "!!",
    "<->",
    ":*",
    "\\",
    "%",
    "_",
    "\x00",
    "\u202e\u0000",
    "😀",
    "trafficking\ttoolkit\n",
    "a" * 501,
]


@pytest.fixture
def indexed(index):
    index({"title": "Child sex trafficking toolkit"}, {"title": "Labor trafficking in agriculture"})


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_any_query_text_gets_a_normal_page(client, indexed, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_any_query_text_gets_normal_suggestions(client, indexed, query):
    response = client.get("/search/suggest/", {"q": query})
    assert response.status_code == 200
    assert "suggestions" in response.json()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "trafficking", "kind": "no-such-kind"},
        {"q": "trafficking", "topic": "x" * 5000},
        {"q": "trafficking", "year": "not-a-year"},
        {"q": "trafficking", "page": "999999"},
        {"q": "trafficking", "page": "-3"},
        {"q": "trafficking", "page": "abc"},
        {"q": "trafficking", "page": "1e9"},
        {"q": "trafficking", "sort": "'; --"},
        {"q": "trafficking", "unknown_facet": "x"},
        {"kind": "library"},
    ],
)
def test_unknown_filters_sorts_and_pages_get_a_normal_page(client, indexed, params):
    response = client.get("/search/", params)
    assert response.status_code == 200


def test_a_page_past_the_end_shows_the_last_page(client, index):
    index(*[{"title": f"Outreach guide {n}"} for n in range(25)])
    response = client.get("/search/", {"q": "outreach", "page": "40"})
    assert response.status_code == 200
    assert response.context["results"].page == 2
    assert len(response.context["results"].hits) == 5


def test_search_only_answers_get(client):
    assert client.post("/search/", {"q": "x"}).status_code == 405
