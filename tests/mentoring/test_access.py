"""Who sees what: a task force never sees another's assessment unless it was shared; only
the people in a pairing (and staff) see it, never while it is a draft; only staff run
matches and see the register; no conflict-of-interest reason reaches a task force."""

import pytest
from django.core import mail
from django.urls import reverse

import access
from mentoring import services
from mentoring.models import Assessment, ConflictEntry, Pairing
from taskforces.factories import MembershipFactory

SECRET = "Joint case on the interstate task force, do not disclose"


@pytest.fixture
def register_entry(world, other_taskforce):
    """Tarrant also asks for help with labor trafficking, but the register rules out Palm
    Beach for it."""
    investigator = MembershipFactory(taskforce=other_taskforce).user
    services.request_create(
        taskforce=other_taskforce,
        user=None,
        areas=[world.elements["labor"]],
        goals="Labor",
        starts_on=world.request.starts_on,
        ends_on=world.request.ends_on,
        participants=[{"user": investigator, "role": "investigator"}],
    )
    return services.conflict_record(
        taskforce_a=world.mentor.taskforce,
        taskforce_b=other_taskforce,
        reason=ConflictEntry.Reason.JOINT_CASES,
        note=SECRET,
        user=None,
    )


def test_another_task_force_never_sees_an_unshared_assessment(world, users, client):
    assessment = Assessment.objects.get(taskforce=world.mentee.taskforce)
    outsider = world.mentor.colead
    assert not access.can(outsider, "mentoring.view_assessment", assessment)
    assert (
        not access.visible(outsider, "mentoring.view_assessment", Assessment.objects.all())
        .filter(pk=assessment.pk)
        .exists()
    )
    client.force_login(outsider)
    page = client.get(reverse("mentoring:assessments", args=[world.mentee.taskforce.slug]))
    assert page.status_code == 200 and "No assessment you can see yet" in page.content.decode()


def test_a_shared_assessment_is_seen_by_members_of_other_task_forces_only(world, users):
    assessment = Assessment.objects.get(taskforce=world.mentee.taskforce)
    assessment.shared = True
    assessment.save()
    assert access.can(world.mentor.colead, "mentoring.view_assessment", assessment)
    assert not access.can(users["signed_in"], "mentoring.view_assessment", assessment)
    assert not access.can(None, "mentoring.view_assessment", assessment)


def test_own_members_see_their_assessment_history(world, client):
    client.force_login(world.mentee.people["detective"])
    page = client.get(reverse("mentoring:assessments", args=[world.mentee.taskforce.slug]))
    assert "Labor trafficking investigation" in page.content.decode()
    assert "2026" in page.content.decode()


def test_only_co_leads_edit_their_task_forces_assessment(world, client):
    url = reverse("mentoring:assessment_edit", args=[world.mentee.taskforce.slug])
    client.force_login(world.mentee.people["detective"])
    assert client.get(url).status_code == 404
    client.force_login(world.mentor.colead)
    assert client.get(url).status_code == 404
    client.force_login(world.mentee.colead)
    assert client.get(url).status_code == 200


def test_a_draft_pairing_is_seen_by_staff_only(world, users, client):
    pairing = services.match_run(user=None).pairings.get()
    client.force_login(world.mentee.colead)
    assert client.get(pairing.get_absolute_url()).status_code == 404
    client.force_login(users["staff"])
    assert client.get(pairing.get_absolute_url()).status_code == 200


def test_only_the_people_in_a_pairing_see_it(world, published, users, client):
    insiders = [
        world.mentee.colead,
        world.mentor.colead,
        world.mentee.people["dda"],
        world.mentor.people["advocate"],
    ]
    for user in insiders:
        assert access.can(user, "mentoring.view_pairing", published)
        assert access.visible(user, "mentoring.view_pairing", Pairing.objects.all()).count() == 1
    for user in [users["member"], users["co_lead"], users["signed_in"], None]:
        assert not access.can(user, "mentoring.view_pairing", published)
        assert not access.visible(user, "mentoring.view_pairing", Pairing.objects.all()).exists()
        client.logout()
        if user:
            client.force_login(user)
        assert client.get(published.get_absolute_url()).status_code in {302, 404}


@pytest.mark.parametrize("name", ["runs", "register", "weights", "dashboard", "dashboard_csv"])
def test_coordinator_pages_are_for_staff_only(world, users, client, name):
    client.force_login(world.mentee.colead)
    assert client.get(reverse(f"mentoring:{name}")).status_code == 403
    client.force_login(users["staff"])
    assert client.get(reverse(f"mentoring:{name}")).status_code == 200


def test_no_conflict_reason_reaches_any_page_or_email_a_task_force_gets(
    world, register_entry, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.match_run(user=None)
        services.run_publish(run=run, user=None)
        pairing = run.pairings.get()
        services.pairing_accept(pairing=pairing, user=world.mentee.colead)
        services.pairing_accept(pairing=pairing, user=world.mentor.colead)
    assert run.removed["register"] >= 1  # the register did its work, as a count
    pages = []
    for user in [world.mentee.colead, world.mentor.colead, world.mentee.people["detective"]]:
        client.force_login(user)
        for url in [
            reverse("mentoring:index"),
            pairing.get_absolute_url(),
            reverse("mentoring:ta_list"),
        ]:
            pages.append(client.get(url).content.decode())
    texts = pages + [m.subject + m.body for m in mail.outbox]
    labels = [label for _, label in ConflictEntry.Reason.choices]
    for text in texts:
        assert SECRET not in text
        assert "conflict-of-interest" not in text.lower()
        assert not any(label in text for label in labels)
    assert SECRET not in str(pairing.explanation) and SECRET not in str(run.removed)


def test_technical_assistance_requests_are_seen_by_the_requester_their_co_leads_and_staff(
    world, users, client
):
    ta = services.assistance_request(
        taskforce=world.mentee.taskforce,
        user=world.mentee.people["dda"],
        topic="prosecution",
        summary="Charging strategy",
        details="Help",
    )
    assert access.can(world.mentee.people["dda"], "mentoring.view_assistance", ta)
    assert access.can(world.mentee.colead, "mentoring.view_assistance", ta)
    assert access.can(users["staff"], "mentoring.view_assistance", ta)
    assert not access.can(world.mentee.people["detective"], "mentoring.view_assistance", ta)
    client.force_login(world.mentor.colead)
    assert client.get(ta.get_absolute_url()).status_code == 404
