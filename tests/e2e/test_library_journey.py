"""The library in a real browser: a visitor never sees the law-enforcement-only guide; a
prosecutor narrows by topic, audience and format, opens a members-only webinar, reads its
transcript, downloads its slides and bookmarks it."""

import re

import pytest

from library.factories import (
    AudienceFactory,
    ToolkitPageFactory,
    TopicFactory,
    WebinarPageFactory,
)
from taskforces.factories import MembershipFactory, TaskForceFactory
from taskforces.models import Discipline
from tests.library.conftest import (  # noqa: F401 (fixtures)
    library_collection,
    library_document,
    library_index,
)


@pytest.mark.django_db(transaction=True)
def test_a_prosecutor_filters_opens_downloads_and_bookmarks(
    page,
    browser,
    live_server,
    home_page,
    library_index,  # noqa: F811
    library_document,  # noqa: F811
    axe,
):
    labor = TopicFactory(name="Labor trafficking", slug="labor-trafficking")
    prosecutors = AudienceFactory(name="Prosecutors", slug="prosecutors")
    police = AudienceFactory(name="Law enforcement", slug="law-enforcement")
    common = {"parent": library_index, "topics": [labor]}
    WebinarPageFactory(
        title="Charging forced labor cases",
        access_tier="members",
        audiences=[prosecutors],
        slides=library_document("Charging forced labor cases: slides"),
        transcript="<p>Welcome to the webinar on charging forced labor.</p>",
        **common,
    )
    WebinarPageFactory(title="Farm inspections with labor inspectors", audiences=[police], **common)
    ToolkitPageFactory(
        title="Prosecutor's labor trafficking toolkit", audiences=[prosecutors], **common
    )
    ToolkitPageFactory(
        title="Undercover investigation guide", access_tier="law_enforcement", **common
    )

    page.goto("/library/")
    axe(page, "library, signed out")
    assert "Undercover investigation guide" not in page.content()
    assert "Charging forced labor cases" not in page.content()  # members only

    prosecutor = MembershipFactory(
        taskforce=TaskForceFactory(slug="palm-beach"), discipline=Discipline.PROSECUTION
    ).user
    from .helpers import sign_in

    sign_in(page, prosecutor.email)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto("/library/")
    assert "Undercover investigation guide" in page.content()  # prosecution may open it
    facets = page.locator("form").filter(has=page.get_by_role("button", name="Apply"))
    for value in ("Labor trafficking", "Prosecutors", "Webinar"):
        facets.locator("label", has_text=re.compile(rf"^\s*{value}\b")).first.locator(
            "input"
        ).check()
    facets.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"/library/\?.*prosecutors"))
    axe(page, "library, filtered")
    assert page.locator("#results-heading").inner_text().startswith("1 resource")

    page.get_by_role("link", name="Charging forced labor cases").click()
    axe(page, "a members-only webinar")
    assert page.get_by_text("Welcome to the webinar on charging forced labor.").is_visible()
    slides = page.get_by_role("link", name="Download the slides").get_attribute("href")
    response = page.request.get(slides)  # with this browser's session
    assert response.status == 200 and response.body().startswith(b"%PDF")
    visitor = browser.new_context(base_url=live_server.url)
    assert visitor.request.get(slides).status == 404  # a members-only file, signed out
    visitor.close()

    page.get_by_role("button", name="Bookmark").click()
    page.get_by_role("button", name=re.compile("Bookmarked")).wait_for()
    page.goto("/library/-/my/")
    axe(page, "my library")
    assert page.get_by_role("link", name="Charging forced labor cases").count() >= 1
