"""The pages: forms keep what was typed and explain bad input; the coordinator runs, pins,
publishes, previews weights, sees charts and exports CSV; technical assistance moves from
received to closed and the requester sees the status."""

import datetime

import pytest
from django.urls import reverse

from mentoring import services
from mentoring.models import (
    AssistanceRequest,
    MatchRun,
    MenteeRequest,
    MentorOffer,
    PairConstraint,
    WeightsVersion,
)

TODAY = datetime.date.today()


def test_a_request_with_no_areas_is_refused_and_keeps_what_was_typed(world, client):
    client.force_login(world.mentee.colead)
    response = client.post(
        reverse("mentoring:request_new", args=[world.mentee.taskforce.slug]),
        {
            "goals": "Our own words",
            "starts_on": TODAY,
            "ends_on": TODAY + datetime.timedelta(days=30),
            f"role_{world.mentee.people['detective'].pk}": "investigator",
        },
    )
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert "Our own words" in response.content.decode()
    assert MenteeRequest.objects.count() == 1


def test_a_co_lead_asks_for_a_mentor_with_people_and_roles(world, client):
    client.force_login(world.mentee.colead)
    response = client.post(
        reverse("mentoring:request_new", args=[world.mentee.taskforce.slug]),
        {
            "areas": [world.elements["data"].pk],
            "goals": "Data",
            "starts_on": TODAY,
            "ends_on": TODAY + datetime.timedelta(days=30),
            f"role_{world.mentee.people['advocate'].pk}": "advocate",
        },
    )
    created = MenteeRequest.objects.latest("pk")
    assert response.status_code == 302 and response.url == created.get_absolute_url()
    assert list(created.participants.values_list("role", flat=True)) == ["advocate"]


@pytest.mark.parametrize("capacity", ["0", "-2"])
def test_an_offer_with_zero_or_negative_capacity_is_refused(world, client, capacity):
    client.force_login(world.mentor.colead)
    response = client.post(
        reverse("mentoring:offer_new", args=[world.mentor.taskforce.slug]),
        {
            "areas": [world.elements["labor"].pk],
            "capacity": capacity,
            "people_capacity": "2",
            "available_from": TODAY,
            "available_until": TODAY + datetime.timedelta(days=30),
            f"role_{world.mentor.people['detective'].pk}": "investigator",
        },
    )
    assert response.status_code == 200
    assert MentorOffer.objects.count() == 1


def test_the_coordinator_pins_reruns_and_publishes(world, users, client):
    client.force_login(users["staff"])
    client.post(
        reverse("mentoring:constraint_add"),
        {"kind": "pin", "request": world.request.pk, "offer": world.offer.pk},
    )
    assert PairConstraint.objects.filter(kind="pin").exists()
    response = client.post(reverse("mentoring:runs"), {"mode": "fair"})
    run = MatchRun.objects.get()
    assert response.url == run.get_absolute_url()
    page = client.get(run.get_absolute_url()).content.decode()
    assert "Agreed by the coordinator" in page and "Runner-up" in page
    client.post(reverse("mentoring:run_publish", args=[run.pk]))
    assert run.pairings.get().status == "published"


def test_publishing_an_empty_run_says_there_is_nothing_to_publish(world, users, client):
    MentorOffer.objects.update(status="closed")
    client.force_login(users["staff"])
    client.post(reverse("mentoring:runs"), {"mode": "standard"})
    run = MatchRun.objects.get()
    assert run.message.startswith("Nobody could be matched")
    page = client.post(
        reverse("mentoring:run_publish", args=[run.pk]), follow=True
    ).content.decode()
    assert "nothing to publish" in page


def test_weights_preview_shows_changes_before_saving_and_all_zero_is_refused(world, users, client):
    client.force_login(users["staff"])
    services.weights_current()
    zero = dict.fromkeys(services.matching.CRITERIA, 0)
    response = client.post(reverse("mentoring:weights"), {**zero, "stages_ahead": 1, "save": "1"})
    assert "above zero" in response.content.decode()
    assert WeightsVersion.objects.count() == 1
    values = {**services.matching.DEFAULT_WEIGHTS, "region": 50}
    response = client.post(
        reverse("mentoring:weights"), {**values, "stages_ahead": 1, "preview": "1"}
    )
    assert "Preview on the current pool" in response.content.decode()
    assert WeightsVersion.objects.count() == 1
    client.post(reverse("mentoring:weights"), {**values, "stages_ahead": 1, "save": "1"})
    assert WeightsVersion.current().number == 2 and WeightsVersion.current().values["region"] == 50


def test_the_dashboard_draws_svg_charts_and_exports_csv(world, accepted, users, client):
    client.force_login(users["staff"])
    page = client.get(reverse("mentoring:dashboard")).content.decode()
    assert page.count("<svg") >= 4 and "Investigation &amp; prosecution" in page
    assert "<script" not in page.split("<main", 1)[-1]
    csv = client.get(reverse("mentoring:dashboard_csv"))
    assert csv["Content-Type"] == "text/csv"
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("pairing,status") and "Contra Costa Task Force" in lines[1]


def test_the_pairing_page_explains_the_pair_and_lets_people_log_meetings(world, accepted, client):
    client.force_login(world.mentee.people["detective"])
    page = client.get(accepted.get_absolute_url()).content.decode()
    assert "Why this pair" in page and "Rules passed" in page and "Goals" in page
    response = client.post(
        reverse("mentoring:meeting_new", args=[accepted.pk]),
        {
            "held_on": TODAY,
            "minutes": 45,
            "participants": [world.mentee.people["detective"].pk],
            "topics": ["labor"],
        },
    )
    assert response.status_code == 302
    assert accepted.meetings.count() == 1


def test_technical_assistance_is_triaged_assigned_and_closed(world, users, client):
    client.force_login(world.mentee.people["dda"])
    client.post(
        reverse("mentoring:ta_list"),
        {
            "taskforce": world.mentee.taskforce.pk,
            "topic": "data",
            "summary": "Evaluation plan",
            "details": "We need an evaluation plan.",
        },
    )
    ta = AssistanceRequest.objects.get()
    client.force_login(users["staff"])
    response = client.post(ta.get_absolute_url(), {"status": "assigned", "priority": "high"})
    assert "Choose who the request is assigned to" in response.content.decode()
    client.post(
        ta.get_absolute_url(),
        {"status": "closed", "priority": "high", "resolution": "Done: plan sent."},
    )
    client.force_login(world.mentee.people["dda"])
    page = client.get(ta.get_absolute_url()).content.decode()
    assert "Closed" in page and "Done: plan sent." in page
    assert "staff_note" not in page


def test_an_impossible_pin_is_explained_on_the_run_and_preview_pages(world, users, client):
    services.conflict_record(
        taskforce_a=world.mentee.taskforce,
        taskforce_b=world.mentor.taskforce,
        reason="jurisdiction",
        user=None,
    )
    services.constraint_set(kind="pin", request=world.request, offer=world.offer, user=None)
    client.force_login(users["staff"])
    response = client.post(reverse("mentoring:runs"), {"mode": "standard"})
    assert "conflict-of-interest register" in response.content.decode()
    assert MatchRun.objects.count() == 0
    values = dict(services.matching.DEFAULT_WEIGHTS)
    response = client.post(
        reverse("mentoring:weights"), {**values, "stages_ahead": 1, "preview": "1"}
    )
    assert (
        response.status_code == 200 and "conflict-of-interest register" in response.content.decode()
    )
