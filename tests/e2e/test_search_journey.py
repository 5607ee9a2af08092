"""Search in a real browser, by keyboard only: a member searches from the header, narrows by
a facet, and sees exactly the number the facet promised."""

import re

import pytest

from taskforces.factories import MembershipFactory, TaskForceFactory

from .helpers import sign_in, tab_to


@pytest.mark.django_db(transaction=True)
def test_a_member_searches_by_keyboard_and_narrows_by_a_facet(page, home_page, axe):
    from forum.factories import SpaceFactory, TopicFactory

    member = MembershipFactory(taskforce=TaskForceFactory(slug="cook-county")).user
    TaskForceFactory(name="Harvest Valley Task Force", slug="harvest-valley")
    space = SpaceFactory(name="Labor trafficking", slug="labor-trafficking")
    for title in ("Harvest season screening", "Harvest crews and housing"):
        TopicFactory(space=space, title=title)

    sign_in(page, member.email)
    page.goto("/")
    tab_to(page, "#header-q")
    page.keyboard.type("harvest")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=harvest"))
    axe(page, "search results")
    heading = page.locator("#results-heading")
    assert heading.inner_text().startswith("3 results"), heading.inner_text()

    facet = page.locator(".search-facets label", has_text="Connect topics").first
    promised = int(re.search(r"\((\d+)\)", facet.inner_text()).group(1))
    facet.locator("input").focus()
    page.keyboard.press("Space")
    tab_to(page, ".search-facets button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=harvest&.+="))
    assert heading.inner_text().startswith(f"{promised} result")
    assert promised == 2
