"""Search finds mentoring content for exactly the people its detail pages allow."""

import pytest

import access
from access.search import may_see
from mentoring import services
from mentoring.search import assistance_document, offer_document, request_document


@pytest.fixture
def ta(world):
    return services.assistance_request(
        taskforce=world.mentee.taskforce,
        user=world.mentee.people["dda"],
        topic="prosecution",
        summary="Charging strategy",
        details="Help",
    )


def test_search_and_detail_pages_agree_on_who_may_see_what(world, ta, users):
    people = [
        world.mentee.colead,
        world.mentee.people["dda"],
        world.mentee.people["detective"],
        world.mentor.colead,
        world.mentor.people["advocate"],
        users["member"],
        users["staff"],
        users["signed_in"],
        None,
    ]
    cases = [
        (offer_document(world.offer), "mentoring.view_own", world.offer),
        (request_document(world.request), "mentoring.view_own", world.request),
        (assistance_document(ta), "mentoring.view_assistance", ta),
    ]
    for document, action, obj in cases:
        for person in people:
            assert may_see(person, document.access) == access.can(person, action, obj), (
                document.kind,
                person,
            )
