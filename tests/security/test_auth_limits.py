"""Guessing and flooding are slowed down (sign-in from one address, sign-up, password
reset), and a session ends after a period of inactivity and at sign-out.

Already covered elsewhere, not repeated here: five wrong passwords for one account
(tests/site/test_accounts.py), posting limits and slow mode in the forum
(tests/forum/test_rate_limits.py), `check --deploy` (tests/site/test_settings.py)."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from users.factories import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/me/"


def _refused(response) -> bool:
    return response.status_code == 429 or b"Too many" in response.content


def test_sign_in_attempts_from_one_address_are_limited_across_accounts(client, home_page):
    """Trying one password against many accounts is slowed down, not only many passwords
    against one account."""
    accounts = [UserFactory() for _ in range(12)]
    responses = [
        client.post(reverse("account_login"), {"login": user.email, "password": "Winter2026!"})
        for user in accounts
    ]
    assert not _refused(responses[0])
    assert _refused(responses[-1])


def test_sign_ups_from_one_address_are_limited(client, home_page):
    def sign_up(n):
        return client.post(
            reverse("account_signup"),
            {
                "email": f"flood{n}@example.org",
                "display_name": f"Flood {n}",
                "password1": "a-long-unusual-passphrase",
                "password2": "a-long-unusual-passphrase",
            },
        )

    first = sign_up(0)
    assert first.status_code == 302
    for n in range(1, 25):
        last = sign_up(n)
    assert _refused(last)


def test_password_reset_requests_for_one_address_are_limited(client, home_page, users):
    email = users["member"].email
    for _ in range(8):
        client.post(reverse("account_reset_password"), {"email": email})
    assert 1 <= len(mail.outbox) <= 5


def test_the_session_is_an_idle_timeout_renewed_by_each_request(client, users, home_page):
    age = settings.SESSION_COOKIE_AGE
    assert settings.SESSION_SAVE_EVERY_REQUEST, "without it the age is absolute, not idle"
    assert 15 * 60 <= age <= 12 * 60 * 60, "idle timeout should be minutes to hours"
    assert not settings.SESSION_EXPIRE_AT_BROWSER_CLOSE or age
    client.force_login(users["member"])
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert int(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) == age
    session = Session.objects.get(session_key=client.session.session_key)
    assert abs((session.expire_date - timezone.now()).total_seconds() - age) < 60


def test_a_session_left_idle_past_the_timeout_is_signed_out(client, users, home_page):
    client.force_login(users["member"])
    assert client.get(DASHBOARD).status_code == 200
    idle = timezone.now() - datetime.timedelta(seconds=1)
    Session.objects.filter(session_key=client.session.session_key).update(expire_date=idle)
    cache.clear()  # a cached session backend must not outlive the database row
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_signing_out_ends_the_session_for_good(client, users, home_page):
    client.force_login(users["member"])
    old_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(DASHBOARD).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(DASHBOARD).status_code == 302
    # Replaying the old cookie (copied before sign-out) opens nothing either.
    client.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    assert client.get(DASHBOARD).status_code == 302
    assert not Session.objects.filter(session_key=old_cookie).exists()
