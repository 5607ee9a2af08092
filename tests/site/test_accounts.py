"""Accounts: sign up with an email address, confirm it, turn on two-factor authentication and
sign in with a code from an authenticator app."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from django.urls import reverse

from users.models import User

PASSWORD = "a-long-and-unusual-passphrase"


def totp_code(secret):
    """The code an authenticator app shows now."""
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def sign_up(client, email="sam@example.org", display_name="Sam Rivera"):
    return client.post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": display_name,
        },
    )


@pytest.mark.django_db
def test_signup_confirm_enrol_totp_and_sign_in_with_a_code(client, home_page):
    """The whole journey a newcomer takes: nothing is reachable before the email is
    confirmed, and once MFA is on, a password alone does not sign in."""
    response = sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(email="sam@example.org")
    assert user.display_name == "Sam Rivera"
    assert not client.get(reverse("users:dashboard")).status_code == 200

    # Confirm from the link in the email (printed to the console in development).
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    response = client.post(link.group(1))
    assert response.status_code == 302
    assert client.get(reverse("users:dashboard")).status_code == 200

    # Turn on TOTP. Changing security settings first asks for the password again.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    # The page shows a secret; a wrong code is refused, a valid code activates it.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    secret = response.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200  # a wrong code is refused with a message
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    # Sign out, then sign in: the password leads to the code step, and the code signs in.
    client.post(reverse("account_logout"))
    response = client.post(
        reverse("account_login"), {"login": "sam@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("users:dashboard")).status_code == 302  # not signed in yet
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("users:dashboard")).status_code == 200


@pytest.mark.django_db
def test_unconfirmed_email_cannot_sign_in(client, home_page):
    sign_up(client, email="pending@example.org")
    client.post(reverse("account_logout"))
    response = client.post(
        reverse("account_login"), {"login": "pending@example.org", "password": PASSWORD}
    )
    assert client.get(reverse("users:dashboard")).status_code == 302
    assert response.status_code in (200, 302)
    assert "confirm" in (response.get("Location", "") + response.content.decode()).lower()


@pytest.mark.django_db
def test_signup_errors_keep_what_was_typed(client, home_page):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "typed@example.org",
            "password1": "short",
            "password2": "other",
            "display_name": "Typed Name",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="typed@example.org"' in body
    assert 'value="Typed Name"' in body
    assert not User.objects.filter(email="typed@example.org").exists()


@pytest.mark.django_db
def test_password_reset_sends_an_email_without_revealing_whether_the_account_exists(
    client, home_page, users
):
    known = users["member"]
    for email in (known.email, "nobody@example.org"):
        response = client.post(reverse("account_reset_password"), {"email": email})
        assert response.status_code == 302
    assert len(mail.outbox) == 2  # allauth tells unknown addresses too, so nothing leaks
    assert any(known.email in m.to for m in mail.outbox)


@pytest.mark.django_db
def test_login_failures_are_rate_limited(client, home_page, users):
    """After five wrong passwords for one account, even the right one is refused for a while."""
    user = users["member"]
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": "correct-horse-battery"}
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get(reverse("users:dashboard")).status_code == 302
