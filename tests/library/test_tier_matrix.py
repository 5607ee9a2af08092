"""Access tiers everywhere: for every tier and every kind of user, the resource page, the
listing, the counts, the feeds, the sitemap and the resource's files agree. What a user may
not open looks exactly like what does not exist (404), and its title appears nowhere."""

import re

import pytest
from django.http import QueryDict

from library.browse import filter_resources
from tests.conftest import USER_KINDS

# Who may open each tier (the `users` fixture's kinds).
MEMBERS = {"member", "taskforce_member", "survivor_leader", "navigator", "moderator", "co_lead"}
LAW = {"law_enforcement", "prosecutor", "staff"}
MAY_OPEN = {
    "public": {"anonymous", "signed_in", *MEMBERS, *LAW},
    "members": {*MEMBERS, *LAW},
    "law_enforcement": LAW,
}
KINDS = USER_KINDS
MATRIX = [(tier, kind) for tier in MAY_OPEN for kind in KINDS]


def _comparable(response, path: str) -> bytes:
    """The body without the parts that differ between any two responses (path, CSRF token)."""
    body = response.content.replace(path.encode(), b"")
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", body)


@pytest.fixture
def tiered(resource, library_document, library_image):
    """One publication per tier, each with its own document and image."""

    def make(tier):
        return resource(
            format="publication",
            title=f"Resource for tier {tier}",
            slug=f"tier-{tier.replace('_', '-')}",
            access_tier=tier,
            document=library_document(f"Document of {tier}"),
            image=library_image(f"Image of {tier}"),
        )

    return make


@pytest.mark.parametrize(("tier", "kind"), MATRIX)
def test_the_page_opens_only_for_its_tier_and_otherwise_looks_missing(
    tier, kind, tiered, users, login, library_index
):
    page = tiered(tier)
    client = login(users[kind])
    response = client.get(page.url)
    if kind in MAY_OPEN[tier]:
        assert response.status_code == 200
    else:
        missing = client.get(library_index.url + "no-such-resource/")
        assert response.status_code == missing.status_code == 404
        assert _comparable(response, page.url) == _comparable(
            missing, library_index.url + "no-such-resource/"
        )
        assert page.title.encode() not in response.content


@pytest.mark.parametrize(("tier", "kind"), MATRIX)
def test_the_listing_and_its_counts_show_only_what_the_user_may_open(
    tier, kind, tiered, users, login, library_index
):
    page = tiered(tier)
    result = filter_resources(users[kind], QueryDict("format=publication"))
    counts = {v.value: v.count for f in result.facets if f.param == "format" for v in f.values}
    html = login(users[kind]).get(library_index.url).content.decode()
    if kind in MAY_OPEN[tier]:
        assert [p.pk for p in result.resources] == [page.pk]
        assert counts == {"publication": 1}
        assert page.title in html
    else:
        assert list(result.resources) == []
        assert counts.get("publication", 0) == 0
        assert page.title not in html


@pytest.mark.parametrize(("tier", "kind"), MATRIX)
def test_the_document_and_image_follow_the_resource(tier, kind, tiered, users, login):
    page = tiered(tier)
    client = login(users[kind])
    document = client.get(page.document.url)
    image = client.get("/media/" + page.image.file.name)
    expected = 200 if kind in MAY_OPEN[tier] else 404
    assert document.status_code == expected
    assert image.status_code == expected
    if expected == 200 and tier != "public":
        assert "no-store" in document.get("Cache-Control", "") or document.streaming


@pytest.mark.parametrize("tier", list(MAY_OPEN))
@pytest.mark.parametrize("kind", KINDS)
def test_feeds_and_sitemap_list_public_resources_only(tier, kind, tiered, users, login):
    page = tiered(tier)
    client = login(users[kind])
    for url in ("/library/feed/atom/", "/library/feed/rss/", "/sitemap.xml"):
        body = client.get(url).content.decode()
        assert (page.slug in body) == (tier == "public"), url
