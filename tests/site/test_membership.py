"""Joining a task force: a signed-in person asks, a co-lead decides in the site, and the
person is emailed the outcome."""

import pytest
from django.core import mail
from django.urls import reverse

import access
from taskforces.models import Discipline, Membership, MembershipStatus


def ask_to_join(client, taskforce, **data):
    payload = {
        "discipline": Discipline.VICTIM_SERVICES,
        "message": "Advocate at Survivor Services.",
    }
    payload.update(data)
    return client.post(reverse("taskforces:join", kwargs={"slug": taskforce.slug}), payload)


@pytest.mark.django_db
def test_request_approval_and_the_member_list(
    client, login, users, taskforce, django_capture_on_commit_callbacks
):
    """The co-lead sees the request, approves it, the applicant is told by email and now
    sees the task force's members."""
    applicant = users["signed_in"]
    login(applicant)
    detail = reverse("taskforces:detail", kwargs={"slug": taskforce.slug})
    assert b"Members of any task force" in client.get(detail).content  # no member list yet
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_to_join(client, taskforce)
    assert response.status_code == 302
    membership = Membership.objects.get(user=applicant, taskforce=taskforce)
    assert membership.status == MembershipStatus.REQUESTED
    assert [users["co_lead"].email] in [m.to for m in mail.outbox]

    client.logout()
    login(users["co_lead"])
    requests_page = client.get(reverse("taskforces:requests", kwargs={"slug": taskforce.slug}))
    assert applicant.display_name in requests_page.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "taskforces:decide",
                kwargs={"slug": taskforce.slug, "membership_id": membership.pk},
            ),
            {"decision": "approve", "note": "Welcome aboard."},
        )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED
    assert membership.decided_by == users["co_lead"]
    assert membership.decided_at is not None
    assert mail.outbox[0].to == [applicant.email]
    assert "approved" in mail.outbox[0].body

    client.logout()
    login(applicant)
    page = client.get(detail).content.decode()
    assert users["co_lead"].email in page  # contacts are visible to members
    access.forget(applicant)
    assert access.viewer_for(applicant).member_of(taskforce.pk)


@pytest.mark.django_db
def test_a_declined_applicant_still_cannot_see_members(client, login, users, taskforce):
    applicant = users["signed_in"]
    login(applicant)
    ask_to_join(client, taskforce)
    membership = Membership.objects.get(user=applicant, taskforce=taskforce)
    client.logout()
    login(users["co_lead"])
    client.post(
        reverse(
            "taskforces:decide", kwargs={"slug": taskforce.slug, "membership_id": membership.pk}
        ),
        {"decision": "decline", "note": "Please ask through your agency's liaison."},
    )
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.DECLINED
    client.logout()
    login(applicant)
    page = client.get(
        reverse("taskforces:detail", kwargs={"slug": taskforce.slug})
    ).content.decode()
    assert users["co_lead"].email not in page
    assert "Please ask through your agency" in page
    assert not access.can(applicant, "taskforce.view_members", taskforce)


@pytest.mark.django_db
def test_a_second_request_for_the_same_task_force_is_refused_clearly(
    client, login, users, taskforce
):
    login(users["signed_in"])
    ask_to_join(client, taskforce)
    response = ask_to_join(client, taskforce, message="Second try, typed again.")
    assert response.status_code == 200
    body = response.content.decode()
    assert "already asked to join" in body
    assert "Second try, typed again." in body  # nothing typed is lost
    assert Membership.objects.filter(user=users["signed_in"], taskforce=taskforce).count() == 1


@pytest.mark.django_db
def test_a_member_asking_again_is_told_they_are_already_a_member(client, login, users, taskforce):
    login(users["taskforce_member"])
    response = ask_to_join(client, taskforce)
    assert "already a member" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kind", ["signed_in", "member", "taskforce_member", "navigator", "moderator"]
)
def test_only_co_leads_and_staff_decide(client, login, users, taskforce, kind):
    membership = Membership.objects.create(
        user=users["signed_in"] if kind != "signed_in" else users["member"],
        taskforce=taskforce,
        discipline=Discipline.OTHER,
    )
    login(users[kind])
    url = reverse(
        "taskforces:decide", kwargs={"slug": taskforce.slug, "membership_id": membership.pk}
    )
    assert client.post(url, {"decision": "approve"}).status_code == 403
    assert (
        client.get(reverse("taskforces:requests", kwargs={"slug": taskforce.slug})).status_code
        == 403
    )
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REQUESTED


@pytest.mark.django_db
def test_a_co_lead_of_another_task_force_cannot_decide(
    client, login, users, taskforce, other_taskforce
):
    from taskforces.factories import MembershipFactory

    other_lead = MembershipFactory(taskforce=other_taskforce, role="co_lead").user
    membership = Membership.objects.create(
        user=users["signed_in"], taskforce=taskforce, discipline=Discipline.OTHER
    )
    login(other_lead)
    url = reverse(
        "taskforces:decide", kwargs={"slug": taskforce.slug, "membership_id": membership.pk}
    )
    assert client.post(url, {"decision": "approve"}).status_code == 403


@pytest.mark.django_db
def test_staff_can_decide(client, login, users, taskforce):
    membership = Membership.objects.create(
        user=users["signed_in"], taskforce=taskforce, discipline=Discipline.OTHER
    )
    login(users["staff"])
    url = reverse(
        "taskforces:decide", kwargs={"slug": taskforce.slug, "membership_id": membership.pk}
    )
    client.post(url, {"decision": "approve"})
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED


@pytest.mark.django_db
def test_unknown_slugs_and_memberships_are_404(client, login, users, taskforce):
    login(users["co_lead"])
    assert client.get("/taskforces/no-such-task-force/").status_code == 404
    assert client.get("/taskforces/no-such-task-force/join/").status_code == 404
    url = reverse("taskforces:decide", kwargs={"slug": taskforce.slug, "membership_id": 999999})
    assert client.post(url, {"decision": "approve"}).status_code == 404


@pytest.mark.django_db
def test_bad_form_input_shows_field_errors_not_500(client, login, users, taskforce):
    login(users["signed_in"])
    response = ask_to_join(client, taskforce, discipline="astronaut", message="Kept text")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert "Kept text" in response.content.decode()


@pytest.mark.django_db
def test_joining_needs_an_account(client, taskforce):
    response = client.get(reverse("taskforces:join", kwargs={"slug": taskforce.slug}))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.django_db
def test_a_member_can_leave(client, login, users, taskforce):
    member = users["taskforce_member"]
    login(member)
    client.post(reverse("taskforces:leave", kwargs={"slug": taskforce.slug}))
    assert not Membership.objects.approved().filter(user=member, taskforce=taskforce).exists()
    access.forget(member)
    assert not access.viewer_for(member).member_of(taskforce.pk)


@pytest.mark.django_db
def test_the_public_directory_shows_names_states_and_regions_only(client, users, taskforce):
    body = client.get(reverse("taskforces:directory")).content.decode()
    assert taskforce.name in body
    assert "North" in body  # region
    for user in (users["co_lead"], users["taskforce_member"]):
        assert user.email not in body
    detail = client.get(
        reverse("taskforces:detail", kwargs={"slug": taskforce.slug})
    ).content.decode()
    assert users["co_lead"].email not in detail
