"""Peer problem-solving in a real browser: a member asks a question, a colleague from another
task force answers using only the keyboard, and the member marks the answer that solved it."""

import re

import pytest

from taskforces.factories import MembershipFactory, TaskForceFactory
from taskforces.models import Discipline

from .helpers import sign_in, signed_in_page, tab_to


@pytest.fixture
def category(db):
    from forum.factories import SpaceFactory

    return SpaceFactory(name="Labor trafficking", slug="labor-trafficking")


@pytest.mark.django_db(transaction=True)
def test_a_question_is_answered_and_marked_solved(
    page, browser, live_server, home_page, category, axe
):
    asker = MembershipFactory(
        taskforce=TaskForceFactory(slug="cook-county"), discipline=Discipline.VICTIM_SERVICES
    ).user
    answerer = MembershipFactory(
        taskforce=TaskForceFactory(slug="tarrant-county"), discipline=Discipline.LAW_ENFORCEMENT
    ).user

    sign_in(page, asker.email)
    page.goto("/connect/")
    axe(page, "forum index")
    page.get_by_role("link", name="Labor trafficking").first.click()
    axe(page, "category")
    page.get_by_role("link", name=re.compile("New topic|Start a topic|Ask")).first.click()
    axe(page, "composer")
    page.get_by_label("Title").fill("Screening farmworkers at the spring harvest")
    page.get_by_label("Your post").fill(
        "We expect H-2A crews next month. **Which screening questions** worked for you?"
    )
    page.get_by_label("This is a question").check()
    page.get_by_role("button", name="Post").click()
    page.wait_for_url(re.compile(r"/connect/t/\d+/"))
    topic_url = page.url
    assert page.locator("strong", has_text="Which screening questions").count() == 1
    axe(page, "topic, signed in")

    # The answer, typed and sent with the keyboard only.
    other = signed_in_page(browser, live_server, answerer)
    other.goto(topic_url)
    tab_to(other, "textarea[name=body]")
    other.keyboard.type("Ask who holds their passports and whether they can leave the housing.")
    tab_to(other, "button[value=post]")
    other.keyboard.press("Enter")
    other.get_by_text("who holds their passports").first.wait_for()
    other.context.close()

    page.reload()
    page.get_by_role("button", name="This solved it").click()
    page.get_by_role("heading", name="Solution").wait_for()
    assert page.locator(".badge", has_text="Solved").count() == 1
    assert "who holds their passports" in page.locator(".solution").inner_text()
