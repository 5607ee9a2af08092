"""Survivor Voices in a real browser: a survivor-leader submits a poem, approves the version
the editors reviewed, sees it published under her pseudonym, and withdraws it; the quick
exit leaves at once, by its button and by Shift pressed three times, and signs her out."""

import re

import pytest
from django.core.files.storage import default_storage

from survivors.models import ExhibitionPage, VoicesWork
from tests.survivors.conftest import author, editor, editors_approve, jpeg_bytes, voices  # noqa: F401
from tests.survivors.test_metadata import gps_jpeg

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
def test_marisol_shows_three_paintings_and_a_year_later_withdraws_one(
    page,
    home_page,
    voices,  # noqa: F811
    author,  # noqa: F811
    editor,  # noqa: F811
    axe,
):
    paintings = [
        ("Lantern window", gps_jpeg()),  # her phone wrote where it was taken
        ("Birchwood door", jpeg_bytes()),
        ("Cobalt stairs", jpeg_bytes()),
    ]
    sign_in(page, author.email)
    page.goto("/voices/submit/")
    continue_past_the_safety_page(page)
    page.get_by_label("Art: images for an exhibition").check()
    page.get_by_label("Title").fill("Spring show")
    page.get_by_label("Content note in your words").fill("References to confinement")
    for n, (caption, data) in enumerate(paintings, start=1):
        page.get_by_label(f"Image {n} (optional)", exact=True).set_input_files(
            {"name": f"IMG_{n}.jpg", "mimeType": "image/jpeg", "buffer": data}
        )
        page.get_by_label(f"Image {n}: what it shows (for screen readers)").fill(f"Painting {n}")
        page.get_by_label(f"Image {n}: caption").fill(caption)
    page.get_by_label("This website").check()
    page.get_by_role("button", name="Send to the editors").click()
    page.wait_for_url(re.compile("/voices/me/"))

    work = ExhibitionPage.objects.get(title="Spring show")
    editors_approve(work, editor)
    page.goto(f"/voices/me/{work.pk}/")
    page.get_by_role("button", name="I approve this version").click()
    page.wait_for_url(re.compile(f"/voices/me/{work.pk}/$"))
    stored = [item.image.file.name for item in work.gallery_images.select_related("image")]
    for name in stored:
        data = default_storage.open(name).read()
        assert b"GPSLatitude" not in data and b"PhoneMaker" not in data

    page.goto(work.url)
    page.get_by_text("Show the work").click()  # it waits behind her content note
    page.get_by_text("Birchwood door").wait_for()
    withdrawn_src = page.get_by_alt_text("Painting 2").get_attribute("src")

    page.goto(f"/voices/me/{work.pk}/")
    page.get_by_role("link", name="Withdraw this image").nth(1).click()
    assert page.get_by_label("Only image 2: Birchwood door").is_checked()
    axe(page, "withdrawing one image")
    page.get_by_role("button", name="Withdraw it").click()
    page.wait_for_url(re.compile(f"/voices/me/{work.pk}/$"))

    page.goto(work.url)
    page.get_by_text("Show the work").click()
    gallery = page.locator("main").inner_text()
    assert "Lantern window" in gallery and "Cobalt stairs" in gallery
    assert "Birchwood door" not in gallery
    assert "withdrawn from this gallery by its author" in gallery
    assert page.request.get(withdrawn_src).status == 404
    assert page.request.get(work.url).status == 200

    # She rewords a caption; the published gallery keeps the old one until she approves.
    page.goto(f"/voices/me/{work.pk}/")
    page.get_by_role("link", name="Change your work").click()
    axe(page, "changing her work")
    page.get_by_label("Image 2: caption").fill("Cobalt stairs, at dawn")
    page.get_by_role("button", name="Save and send to the editors").click()
    page.wait_for_url(re.compile(f"/voices/me/{work.pk}/$"))
    assert "your new version is with the editors" in page.locator("main").inner_text()


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
