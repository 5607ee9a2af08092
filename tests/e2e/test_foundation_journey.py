"""A newcomer in a real browser: signs up, confirms the email, turns on two-factor
authentication, signs in with a code, asks to join a task force, and a co-lead approves."""

import re

import pytest
from django.core import mail

from users.factories import PASSWORD, UserFactory

from .helpers import code_for, sign_in

NEW_PASSWORD = "a-long-and-unusual-passphrase"


@pytest.mark.django_db(transaction=True)
def test_newcomer_signs_up_turns_on_mfa_joins_and_is_approved(page, home_page, axe):
    from taskforces.factories import MembershipFactory, TaskForceFactory

    taskforce = TaskForceFactory(
        name="Cook County Human Trafficking Task Force", slug="cook-county"
    )
    co_lead = MembershipFactory(taskforce=taskforce, role="co_lead").user

    page.goto("/")
    axe(page, "home, signed out")
    page.get_by_role("link", name="Join").click()
    axe(page, "sign-up form")
    page.get_by_label("Email").fill("sam@example.org")
    page.get_by_label("Your name as other members will see it").fill("Sam Rivera")
    page.get_by_label("Password:", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Password (again):").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url(re.compile("confirm-email|verification"))

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile("/me/"))
    axe(page, "dashboard")

    # Two-factor authentication, after confirming the password.
    page.goto("/accounts/2fa/totp/activate/")
    page.get_by_placeholder("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile("/2fa/totp/activate/"))
    axe(page, "authenticator app set-up")
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(code_for(secret))
    page.get_by_role("button", name="Activate").click()
    page.wait_for_url(re.compile("/2fa/"))

    # Sign out, and back in with the password and a code.
    page.get_by_text("Sam Rivera").first.click()
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "sam@example.org", NEW_PASSWORD)
    page.wait_for_url(re.compile("/2fa/authenticate/"))
    axe(page, "two-factor code form")
    page.get_by_placeholder("Code").fill(code_for(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile("/me/"))

    # Ask to join; the co-lead approves.
    page.goto(f"/taskforces/{taskforce.slug}/")
    page.get_by_role("link", name="Ask to join").click()
    page.get_by_label("Your discipline in this task force").select_option("victim_services")
    page.get_by_label("A note to the co-leads").fill("Advocate at a Cook County shelter.")
    axe(page, "join request form")
    page.get_by_role("button", name="Send my request").click()
    page.get_by_text("Your request to join").wait_for()

    page.context.clear_cookies()
    sign_in(page, co_lead.email, PASSWORD)
    page.goto("/")
    page.get_by_role("link", name="Review requests").click()
    axe(page, "requests to decide")
    page.get_by_role("button", name="Approve").click()
    page.get_by_text("was approved").wait_for()

    page.context.clear_cookies()
    sign_in(page, "sam@example.org", NEW_PASSWORD)
    page.wait_for_url(re.compile("/2fa/authenticate/"))
    page.wait_for_timeout(1000 * (31 - __import__("time").time() % 30))  # a fresh code window
    page.get_by_placeholder("Code").fill(code_for(secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile("/me/"))
    page.goto(f"/taskforces/{taskforce.slug}/")
    assert co_lead.email in page.content()  # members see contacts now


@pytest.mark.django_db(transaction=True)
def test_keyboard_only_sign_in(page, home_page):
    user = UserFactory(email="keys@example.org", display_name="Kim Keys")
    page.goto("/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.goto("/accounts/login/")
    page.locator("input[name=login]").focus()
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/me/"))
    assert "Kim Keys" in page.content()
