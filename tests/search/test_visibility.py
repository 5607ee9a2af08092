"""No trace of an item reaches anyone who may not open it: not its title, snippet, count,
facet value or count, nor a suggestion, on the page or in the JSON."""

import pytest

from access.search import tier_tokens, tokens_for, user_token
from search import service
from tests.conftest import USER_KINDS

from .helpers import plain

pytestmark = pytest.mark.django_db

# Each restricted item carries a unique marker word in its title and body, and a unique facet.
RESTRICTED = {
    "members": ("quokkamembers", tier_tokens("members")),
    "law_enforcement": ("quokkaleo", tier_tokens("law_enforcement")),
    "staff": ("quokkastaff", frozenset({"staff"})),
}
MAY_OPEN = {
    "members": {
        "member",
        "taskforce_member",
        "law_enforcement",
        "prosecutor",
        "survivor_leader",
        "navigator",
        "moderator",
        "co_lead",
        "staff",
    },
    "law_enforcement": {"law_enforcement", "prosecutor", "staff"},
    "staff": {"staff"},
}


@pytest.fixture
def planted(index, users):
    index({"title": "Quokka public overview", "body": "quokka for everyone"})
    for marker, tokens in RESTRICTED.values():
        index(
            {
                "title": f"Quokka {marker} memo",
                "body": f"quokka {marker} details",
                "access": tokens,
                "facets": {"topic": [f"topic-{marker}"]},
            }
        )
    author = users["signed_in"]
    index(
        {
            "title": "Quokka quokkadraft draft",
            "body": "quokka quokkadraft",
            "access": frozenset({user_token(author.pk), "staff"}),
        }
    )
    return users


def _traces(results, suggestions) -> str:
    text = [h.title_html + h.snippet_html for h in results.hits]
    text += [f"{name}={f.value}" for name, values in results.facets.items() for f in values]
    text += [s.title for s in suggestions]
    return plain(" ".join(text))


@pytest.mark.parametrize("kind", USER_KINDS)
def test_restricted_items_leave_no_trace_for_those_who_may_not_open_them(planted, kind):
    """Results, snippets, counts, facet values and counts, and suggestions all agree."""
    user = planted[kind]
    results = service.search(user, "quokka")
    suggestions, _ = service.suggest(user, "quokk")
    traces = _traces(results, suggestions)
    visible = 1 + sum(kind in MAY_OPEN[t] for t in RESTRICTED) + (kind in {"signed_in", "staff"})
    assert results.total == len(results.hits) == visible
    assert sum(f.count for f in results.facets["kind"]) == visible
    for tier, (marker, _tokens) in RESTRICTED.items():
        may_open = kind in MAY_OPEN[tier]
        assert (marker in traces) is may_open, (tier, marker)
        assert (service.search(user, marker).total == 1) is may_open
        assert bool(service.suggest(user, marker)[0]) is may_open
    assert ("quokkadraft" in traces) is (kind in {"signed_in", "staff"})


@pytest.mark.parametrize("kind", ["anonymous", "member", "law_enforcement"])
def test_the_page_and_the_suggestions_json_show_only_what_the_viewer_may_open(planted, kind, login):
    client = login(planted[kind])
    page = client.get("/search/", {"q": "quokka"}).content.decode()
    guessed = client.get("/search/", {"q": "quokka", "topic": "topic-quokkaleo"})
    suggest = client.get("/search/suggest/", {"q": "quokk"}).content.decode()
    for tier, (marker, _tokens) in RESTRICTED.items():
        assert (marker in page) is (kind in MAY_OPEN[tier]), tier
        assert (marker in suggest) is (kind in MAY_OPEN[tier]), tier
    # Filtering on a guessed value echoes only what the viewer typed, and counts nothing else.
    assert (guessed.context["results"].total == 1) is (kind in MAY_OPEN["law_enforcement"])


def test_filtering_on_a_restricted_facet_value_reveals_nothing(planted):
    """A visitor who guesses a members-only topic gets an empty page, not its count."""
    results = service.search(None, "quokka", filters={"topic": ["topic-quokkamembers"]})
    assert results.total == 0 and results.hits == []
    assert [(f.value, f.count) for f in results.facets["topic"]] == [("topic-quokkamembers", 0)]


def test_viewer_tokens_come_from_the_access_policy(planted):
    assert tokens_for(None) == {"public"}
    assert {"public", "members", "law_enforcement"} <= tokens_for(planted["prosecutor"])
