"""The access matrix over every URL the site exposes (from the URL resolver and the page tree)
× every kind of user: no error pages, nothing members-only for anonymous visitors, forbidden
and missing indistinguishable, and no GET that changes anything."""

import re
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.urls import reverse

from .crawler import KINDS

pytestmark = pytest.mark.django_db

# Routes anonymous visitors may open (200), reviewed by hand: the public directory and
# pages, sign-in and sign-up, search (filtered to public entries), health and the sitemap.
# Any other route must send them to sign in, or answer 403/404/405.
ANONYMOUS_MAY_OPEN = {
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",  # shows "this link is not valid"
    "account_reset_password_from_key_done",
    "account_email_verification_sent",
    "account_confirm_email",  # shows "this link is not valid"
    "account_inactive",
    "taskforces:directory",
    "taskforces:detail",
    "forum:index",  # lists the categories, so people know what joining offers
    "mentoring:index",
    "mentoring:roadmap",
    "search:search",
    "search:suggest",
    "library:feed_atom",  # public resources only
    "library:feed_rss",
    "library:events",  # filtered by library.view
    "library:upcoming_ics",  # calendar apps fetch without cookies: public events only
    "library:series_ics",  # a series' sessions, filtered by library.view
    "library:session_ics",  # one session; asks page.view of its resource
    "survivors:before_you_start",  # explains the quick exit before a first visit
    "survivors:feed",  # live works with website consent only
    "sitemap",
    "healthz",
    "wagtail_serve",  # each page asks page.view
    "wagtaildocs_serve",  # each document asks document.view
    "media",  # each file asks access.media
    "wagtailcore_login",
}


# Routes that send anonymous visitors somewhere public other than the sign-in page.
ANONYMOUS_REDIRECTS = {"account_logout": "/", "survivors:exit": settings.SURVIVORS_EXIT_URL}

# The quick exit is a plain link followed by location.replace(): a GET that must end the
# session at once. Someone tricking a reader into it can only sign them out.
MAY_SIGN_OUT_ON_GET = {"/voices/exit/"}


def _login_redirect(result) -> bool:
    return result.status == 302 and urlparse(result.location).path.rstrip("/").endswith(
        reverse(settings.LOGIN_URL).rstrip("/")
    )


def test_every_url_pattern_can_be_filled(crawl):
    """A new route whose parameters nothing fills would escape the matrix: add it to FILL."""
    assert [r.route for r in crawl.unfilled] == []


def test_the_crawl_covers_every_route_and_every_kind_of_user(crawl):
    names = {url.route.name for url in crawl.urls}
    assert {"forum:topic", "taskforces:detail", "wagtail_serve", "media"} <= names
    assert {kind for kind, _ in crawl.gets} == set(KINDS)
    assert len(crawl.world.pages) >= 3


def test_no_url_answers_with_a_server_error(crawl):
    failures = [
        f"{kind} {method} {path}: {result.status}\n{result.error}"
        for method, results in (("GET", crawl.gets), ("GET", crawl.extra), ("POST", crawl.posts))
        for (kind, path), result in results.items()
        if result.status >= 500 or result.error
    ]
    assert not failures, "\n".join(failures)


def test_anonymous_visitors_open_only_public_views(crawl):
    """Everything else sends them to sign in or does not exist for them."""
    failures = []
    for url in crawl.urls:
        result = crawl.gets[("anonymous", url.path)]
        if url.route.name in ANONYMOUS_MAY_OPEN:
            continue
        if result.status in {403, 404, 405} or _login_redirect(result):
            continue
        if result.status == 302 and ANONYMOUS_REDIRECTS.get(url.route.name) == result.location:
            continue
        failures.append(f"{url.route.name} {url.path}: {result.status} {result.location}")
    assert not failures, "\n".join(failures)


def _look(result) -> tuple:
    """What a visitor can tell apart: the status, the page shown (its title and heading), and
    where a redirect leads (a sign-in link names the URL asked for, so only its path counts)."""
    location = re.sub(r"\d+", "N", urlparse(result.location).path)
    return result.status, result.title, location


@pytest.mark.parametrize("kind", KINDS)
def test_forbidden_and_missing_look_the_same(crawl, kind):
    """A URL naming something this user may not open answers exactly like one naming
    something that never existed: same status, same page."""
    missing = {url.route: url for url in crawl.urls if url.variant == "missing"}
    failures, compared = [], 0
    for url in crawl.urls:
        if url.variant not in {"private", "open", "page"} or not crawl.hidden[(kind, url.path)]:
            continue
        compared += 1
        seen = crawl.gets[(kind, url.path)]
        absent = crawl.gets[(kind, missing[url.route].path)]
        if _look(seen) != _look(absent):
            failures.append(
                f"{url.route.name} {url.path} -> {_look(seen)} but "
                f"{missing[url.route].path} -> {_look(absent)}"
            )
    assert not failures, "\n".join(failures)
    if kind != "staff":
        assert compared, "the world holds nothing hidden from this user"


def test_no_get_acts(crawl):
    """GET never changes anything (bookkeeping aside): state changes need a POST, which
    carries a CSRF token. Views that refuse GET answer 405 or show a form."""
    failures = [
        f"{kind} GET {path} wrote to {sorted(result.acted)}"
        for (kind, path), result in crawl.gets.items()
        if result.acted
    ]
    failures += [
        f"{kind} GET {path} signed the user out"
        for (kind, path), result in crawl.gets.items()
        if result.signed_out and path not in MAY_SIGN_OUT_ON_GET
    ]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("kind", ["anonymous", "member", "co_lead", "law_enforcement"])
@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/", "/django-admin/"]
)
def test_the_admin_requires_staff(client, users, kind, path):
    """The admin's own views are not crawled; that it lets in no one but staff is."""
    if users[kind] is not None:
        client.force_login(users[kind])
    response = client.get(path)
    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert "login" in response["Location"]


def test_editors_reach_the_admin(client, home_page):
    from users.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200
    assert client.get("/django-admin/").status_code == 200
