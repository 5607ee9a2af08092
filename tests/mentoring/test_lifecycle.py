"""A pairing's life: draft → published → accepted by both (or declined, which re-matches the
request) → active → completed or closed early, with emails at each step."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from mentoring import services
from mentoring.models import (
    CheckIn,
    Feedback,
    Goal,
    MatchRun,
    MenteeRequest,
    PairConstraint,
    Pairing,
)

pytestmark = pytest.mark.django_db(transaction=False)
TODAY = datetime.date.today()


def test_a_run_stores_a_draft_with_its_weights_version_counts_and_objective(world):
    run = services.match_run(user=None)
    pairing = run.pairings.get()
    assert pairing.status == Pairing.Status.DRAFT
    assert run.weights.number == 1
    assert set(run.removed) >= {"register", "expertise", "stages_ahead", "role"}
    assert run.objective["pairs"] == 1 and run.objective["people_pairs"] == 3
    assert pairing.people.count() == 3


def test_publishing_emails_both_task_forces_co_leads(world, django_capture_on_commit_callbacks):
    run = services.match_run(user=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.run_publish(run=run, user=None)
    assert {addr for msg in mail.outbox for addr in msg.to} >= {
        "contra.colead@example.org",
        "palm.colead@example.org",
    }
    assert MenteeRequest.objects.get().status == MenteeRequest.Status.MATCHED
    with pytest.raises(ValidationError, match="already been published"):
        services.run_publish(run=run, user=None)


def test_accepted_by_both_seeds_goals_from_the_lowest_stages_and_schedules_check_ins(
    world, accepted
):
    assert accepted.status == Pairing.Status.ACCEPTED
    goals = Goal.objects.filter(pairing=accepted)  # ordered by stage, then element name
    # requested: labor (stage 1) and protocol (stage 2); then the lowest other: data (stage 2)
    assert [(g.element.code, g.from_stage, g.target_stage) for g in goals] == [
        ("labor", 1, 2),
        ("data", 2, 3),
        ("protocol", 2, 3),
    ]
    assert sorted(CheckIn.objects.values_list("kind", flat=True)) == ["checkin_30", "checkin_90"]


def test_a_second_accept_from_the_same_side_gets_a_clear_message(world, published, client):
    services.pairing_accept(pairing=published, user=world.mentee.colead)
    client.force_login(world.mentee.colead)
    response = client.post(reverse("mentoring:pairing_accept", args=[published.pk]), follow=True)
    assert "already accepted" in response.content.decode()


def test_accepting_a_pairing_one_is_not_part_of_is_a_404(world, published, client, users):
    client.force_login(users["co_lead"])
    response = client.post(reverse("mentoring:pairing_accept", args=[published.pk]))
    assert response.status_code == 404
    published.refresh_from_db()
    assert published.mentee_accepted_at is None


def test_a_participant_who_is_not_a_co_lead_cannot_answer_for_the_task_force(world, published):
    with pytest.raises(ValidationError, match="co-lead"):
        services.pairing_accept(pairing=published, user=world.mentee.people["detective"])


def test_declining_excludes_the_pair_and_prepares_a_re_match_for_that_request(
    world, published, django_capture_on_commit_callbacks, settings
):
    settings.MENTORING_COORDINATOR_EMAILS = ["coordinator@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        services.pairing_decline(pairing=published, user=world.mentor.colead, reason="timing")
    published.refresh_from_db()
    assert published.status == Pairing.Status.DECLINED and published.declined_side == "mentor"
    assert PairConstraint.objects.filter(
        request=world.request, offer=world.offer, kind="exclude"
    ).exists()
    assert MenteeRequest.objects.get().status == MenteeRequest.Status.OPEN
    rematch = MatchRun.objects.filter(is_rematch=True).get()
    assert rematch.pairings.count() == 0 and rematch.removed["excluded"] == 1
    assert any("Re-match" in msg.subject for msg in mail.outbox)
    with pytest.raises(ValidationError, match="no longer be accepted"):
        services.pairing_accept(pairing=published, user=world.mentee.colead)


def test_declining_needs_a_known_reason(world, published):
    with pytest.raises(ValidationError):
        services.pairing_decline(pairing=published, user=world.mentee.colead, reason="because")


def test_the_first_meeting_makes_the_pairing_active_and_asks_for_a_fit_check(
    world, accepted, django_capture_on_commit_callbacks
):
    people = [world.mentee.people["detective"], world.mentor.people["detective"]]
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_log(
            pairing=accepted,
            user=people[0],
            held_on=TODAY,
            minutes=60,
            participants=people,
            topics=["labor"],
        )
    accepted.refresh_from_db()
    assert accepted.status == Pairing.Status.ACTIVE
    assert any("first mentoring meeting" in msg.subject for msg in mail.outbox)


def test_meetings_cannot_be_logged_before_acceptance_or_in_the_future(world, published, accepted):
    person = world.mentee.people["detective"]
    with pytest.raises(ValidationError, match="once it has happened"):
        services.meeting_log(
            pairing=accepted,
            user=person,
            held_on=TODAY + datetime.timedelta(days=2),
            minutes=30,
            participants=[person],
            topics=[],
        )


def test_the_meeting_log_has_no_free_text_field():
    from mentoring.forms import MeetingForm
    from mentoring.models import Meeting

    text_fields = [
        f.name
        for f in Meeting._meta.get_fields()
        if f.get_internal_type() in {"TextField", "CharField"}
    ]
    assert text_fields == []
    assert set(MeetingForm(member_ids=[]).fields) == {
        "held_on",
        "minutes",
        "participants",
        "topics",
    }


def test_both_evaluations_complete_the_pairing(world, accepted):
    services.feedback_submit(
        pairing=accepted, user=world.mentee.colead, kind="evaluation", answer=4
    )
    with pytest.raises(ValidationError, match="already answered"):
        services.feedback_submit(
            pairing=accepted, user=world.mentee.people["dda"], kind="evaluation", answer=3
        )
    services.feedback_submit(
        pairing=accepted, user=world.mentor.colead, kind="evaluation", answer=3
    )
    accepted.refresh_from_db()
    assert accepted.status == Pairing.Status.COMPLETED


def test_the_fit_check_opens_only_after_the_first_meeting(world, accepted):
    with pytest.raises(ValidationError, match="after the first meeting"):
        services.feedback_submit(
            pairing=accepted, user=world.mentee.colead, kind="fit_check", answer=3
        )


def test_a_poor_answer_alerts_the_coordinator(
    world, accepted, django_capture_on_commit_callbacks, settings
):
    settings.MENTORING_COORDINATOR_EMAILS = ["coordinator@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        services.feedback_submit(
            pairing=accepted,
            user=world.mentee.colead,
            kind="checkin_30",
            answer=Feedback.Answer.POOR,
        )
    assert any(msg.to == ["coordinator@example.org"] for msg in mail.outbox)


def test_closing_early_needs_a_running_pairing_and_a_reason(world, published, accepted):
    with pytest.raises(ValidationError):
        services.pairing_close_early(pairing=accepted, user=world.mentee.colead, reason="bored")
    services.pairing_close_early(pairing=accepted, user=world.mentee.colead, reason="capacity")
    accepted.refresh_from_db()
    assert accepted.status == Pairing.Status.CLOSED_EARLY
    with pytest.raises(ValidationError, match="running"):
        services.pairing_close_early(pairing=accepted, user=world.mentee.colead, reason="capacity")


def test_check_ins_are_sent_once_when_due_by_the_scheduler_command(world, accepted):
    CheckIn.objects.filter(kind="checkin_30").update(due_on=TODAY)
    mail.outbox.clear()
    call_command("mentoring_checkins", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert CheckIn.objects.get(kind="checkin_30").sent_at is not None
    assert CheckIn.objects.get(kind="checkin_90").sent_at is None
    assert services.checkins_send_due() == 0
