"""The home page renders for every kind of user, with the navigation, the security headers
and nothing loaded from another origin."""

import re

import pytest

from tests.site.test_access_policy import KINDS

EXTERNAL = re.compile(
    r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*?(?:src|href)=["'](?:https?:)?//""",
    re.I,
)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_home_page_renders_for_every_role(client, login, users, home_page, kind):
    login(users[kind])
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    for label in ("Library", "Connect", "Mentoring", "Survivor Voices", "Search"):
        assert label in body
    assert 'href="#main"' in body  # skip link
    assert not EXTERNAL.search(body), EXTERNAL.search(body)
    if users[kind] is None:
        assert "Sign in" in body
    else:
        assert users[kind].display_name in body


@pytest.mark.django_db
def test_a_co_lead_sees_requests_waiting_on_the_home_page(
    client, login, users, home_page, taskforce
):
    from taskforces.models import Membership

    Membership.objects.create(user=users["signed_in"], taskforce=taskforce, discipline="other")
    login(users["co_lead"])
    assert "wait" in client.get("/").content.decode()
    assert "requests/" in client.get("/").content.decode()


@pytest.mark.django_db
def test_security_headers_on_every_response(client, home_page):
    for url in ("/", "/taskforces/", "/no-such-page/", "/accounts/login/"):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert (
            "script-src 'self'" in csp
            and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_missing_pages_answer_404_with_the_site_layout(client, home_page):
    response = client.get("/definitely/not/here/")
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


@pytest.mark.django_db
def test_members_without_two_factor_are_invited_to_turn_it_on(client, login, users, home_page):
    from allauth.mfa.models import Authenticator

    user = users["member"]
    login(user)
    assert "turn on two-factor authentication" in client.get("/").content.decode()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert "turn on two-factor authentication" not in client.get("/").content.decode()
