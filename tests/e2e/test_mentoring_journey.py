"""Mentoring in a real browser: the coordinator runs a match over the pool, reads why each
pair was proposed, publishes, and the co-leads of both task forces accept."""

import re

import pytest

from tests.mentoring.conftest import elements, world  # noqa: F401 (fixtures)
from users.factories import UserFactory

from .helpers import sign_in, signed_in_page


@pytest.mark.django_db(transaction=True)
def test_a_coordinator_matches_publishes_and_both_task_forces_accept(
    page,
    browser,
    live_server,
    home_page,
    world,  # noqa: F811
    axe,
):
    coordinator = UserFactory(display_name="Mentoring Coordinator", is_staff=True)
    sign_in(page, coordinator.email)
    page.goto("/mentoring/")
    page.get_by_role("link", name="Match runs").click()
    axe(page, "match runs")
    page.get_by_role("button", name="Run a match over the whole pool").click()
    page.wait_for_url(re.compile(r"/mentoring/coordinator/runs/\d+/"))
    assert "Palm Beach Task Force" in page.content()
    axe(page, "a match run and its explanations")
    page.get_by_role("button", name="Publish these proposals").click()
    page.get_by_text(re.compile("published", re.I)).first.wait_for()

    for colead in (world.mentee.colead, world.mentor.colead):
        other = signed_in_page(browser, live_server, colead)
        other.goto("/mentoring/")
        other.get_by_role(
            "link", name="Palm Beach Task Force mentors Contra Costa Task Force"
        ).click()
        axe(other, "a proposed pairing")
        other.get_by_role("button", name="Accept this pairing").click()
        other.get_by_text(re.compile("accepted", re.I)).first.wait_for()
        other.context.close()

    pairing = world.request.pairings.get()
    assert pairing.status == "accepted"
    assert pairing.mentee_accepted_at and pairing.mentor_accepted_at
