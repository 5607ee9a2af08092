"""Survivor Voices in a real browser: a survivor-leader submits a poem, approves the version
the editors reviewed, sees it published under her pseudonym, and withdraws it; the quick
exit leaves at once, by its button and by Shift pressed three times, and signs her out."""

import re

import pytest

from survivors.models import VoicesWork
from tests.survivors.conftest import author, editor, editors_approve, voices  # noqa: F401

from .helpers import sign_in


def continue_past_the_safety_page(page):
    page.wait_for_url(re.compile("/voices/before-you-start/"))
    page.get_by_role("link", name="I understand, continue").click()


@pytest.mark.django_db(transaction=True)
def test_a_survivor_submits_approves_sees_it_published_and_withdraws(
    page,
    home_page,
    voices,  # noqa: F811
    author,  # noqa: F811
    editor,  # noqa: F811
    axe,
):
    sign_in(page, author.email)
    page.goto("/voices/submit/")
    continue_past_the_safety_page(page)
    page.wait_for_url(re.compile("/voices/submit/"))
    axe(page, "submission form")
    page.get_by_label("Poetry (for the magazine)").check()
    page.get_by_label("Title").fill("Morning light")
    page.get_by_label("Your writing or poem").fill("I woke.\nThe door was open.")
    page.get_by_label("Content note in your words").fill("References to confinement")
    page.get_by_label("This website").check()
    page.get_by_role("button", name="Send to the editors").click()
    page.wait_for_url(re.compile("/voices/me/"))
    axe(page, "author dashboard")

    work = VoicesWork.objects.get(title="Morning light").specific
    assert not work.live
    editors_approve(work, editor)

    page.goto(f"/voices/me/{work.pk}/")
    axe(page, "the version to approve")
    page.get_by_role("button", name="I approve this version").click()
    work.refresh_from_db()
    assert work.live
    page.goto(work.url)
    axe(page, "a published work")
    work_text = page.locator("main").inner_text()  # the header's account menu is her own
    assert "Marisol" in work_text and author.display_name not in work_text
    assert page.locator("details").count() >= 1  # the work waits behind its content note

    page.goto(f"/voices/me/{work.pk}/")
    page.get_by_role("link", name="Withdraw this work").click()
    page.get_by_role("button", name="Withdraw it").click()
    response = page.request.get(work.url)
    assert response.status == 410


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("how", ["button", "shift three times"])
def test_the_quick_exit_leaves_at_once_and_signs_out(
    page,
    live_server,
    settings,
    home_page,
    voices,  # noqa: F811
    author,  # noqa: F811
    how,
    axe,
):
    # A neutral page on this server stands in for the external site the exit goes to.
    settings.SURVIVORS_EXIT_URL = f"{live_server.url}/healthz"
    sign_in(page, author.email)
    page.goto("/voices/")
    continue_past_the_safety_page(page)
    page.wait_for_url(re.compile("/voices/$"))
    axe(page, "Survivor Voices")
    if how == "button":
        page.get_by_role("link", name="Exit this page", exact=True).click()
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(re.compile("/healthz"))
    page.goto("/voices/me/")
    page.wait_for_url(re.compile("/accounts/login/"))  # the exit ended the session
