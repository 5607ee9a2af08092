"""Registration for webinars and classroom trainings: seats while they last, then a waitlist
that says where you stand; a cancellation hands the seat to the first person waiting, who is
told by email. Built-in registration is for signed-in members who may open the resource."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from library import events
from library.factories import EventSessionFactory
from library.models import Registration, RegistrationStatus


@pytest.fixture
def session(classroom_training):
    """The training's one session: two seats."""
    return classroom_training.sessions.get()


def _register(client, session, next_url=None):
    data = {"next": next_url} if next_url else {}
    return client.post(reverse("library:session_register", args=[session.pk]), data)


def _messages(response):
    return [str(m) for m in response.wsgi_request._messages]


def test_members_get_confirmed_seats_while_seats_remain(session, users):
    first = events.registration_create(session=session, user=users["member"])
    second = events.registration_create(session=session, user=users["taskforce_member"])
    assert first.status == second.status == RegistrationStatus.CONFIRMED
    assert events.seats_left(session) == 0


def test_a_full_training_puts_the_next_member_on_the_waitlist_and_says_so(session, users, login):
    events.registration_create(session=session, user=users["member"])
    events.registration_create(session=session, user=users["taskforce_member"])
    client = login(users["law_enforcement"])
    response = _register(client, session)
    assert response.status_code == 302
    assert Registration.objects.get(user=users["law_enforcement"]).status == "waitlisted"
    assert "This training is full; you are number 1 on the waitlist" in " ".join(
        _messages(response)
    )
    page = client.get(response["Location"])
    assert "you are number 1 on the waitlist" in page.content.decode()


def test_waitlist_numbers_follow_the_order_people_joined(session, users):
    for kind in ("member", "taskforce_member"):
        events.registration_create(session=session, user=users[kind])
    third = events.registration_create(session=session, user=users["law_enforcement"])
    fourth = events.registration_create(session=session, user=users["prosecutor"])
    assert [events.waitlist_position(third), events.waitlist_position(fourth)] == [1, 2]


def test_registering_twice_keeps_one_registration(session, users):
    first = events.registration_create(session=session, user=users["member"])
    again = events.registration_create(session=session, user=users["member"])
    assert first.pk == again.pk
    assert Registration.objects.count() == 1


def test_cancelling_frees_the_seat_for_the_first_on_the_waitlist_with_an_email(
    session, users, django_capture_on_commit_callbacks
):
    confirmed = events.registration_create(session=session, user=users["member"])
    events.registration_create(session=session, user=users["taskforce_member"])
    first_waiting = events.registration_create(session=session, user=users["law_enforcement"])
    second_waiting = events.registration_create(session=session, user=users["prosecutor"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        events.registration_cancel(registration=confirmed, by=users["member"])
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == RegistrationStatus.CONFIRMED
    assert first_waiting.promoted_at is not None
    assert events.waitlist_position(second_waiting) == 1
    assert [m.to for m in mail.outbox] == [[users["law_enforcement"].email]]
    assert "a seat opened" in mail.outbox[0].body.lower()
    assert session.page.title in mail.outbox[0].subject


def test_the_cancel_button_cancels_and_promotes(session, users, login):
    events.registration_create(session=session, user=users["member"])
    events.registration_create(session=session, user=users["taskforce_member"])
    waiting = events.registration_create(session=session, user=users["law_enforcement"])
    client = login(users["member"])
    response = client.post(reverse("library:session_cancel", args=[session.pk]))
    assert response.status_code == 302
    assert Registration.objects.get(user=users["member"]).status == "cancelled"
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_leaving_the_waitlist_promotes_nobody(session, users):
    for kind in ("member", "taskforce_member"):
        events.registration_create(session=session, user=users[kind])
    waiting = events.registration_create(session=session, user=users["law_enforcement"])
    behind = events.registration_create(session=session, user=users["prosecutor"])
    events.registration_cancel(registration=waiting, by=users["law_enforcement"])
    behind.refresh_from_db()
    assert behind.status == RegistrationStatus.WAITLISTED
    assert events.waitlist_position(behind) == 1


def test_nobody_cancels_someone_elses_registration(session, users):
    registration = events.registration_create(session=session, user=users["member"])
    with pytest.raises(PermissionDenied):
        events.registration_cancel(registration=registration, by=users["taskforce_member"])
    events.registration_cancel(registration=registration, by=users["staff"])
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_a_confirmation_email_is_sent_on_registering(
    session, users, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        events.registration_create(session=session, user=users["member"])
    assert mail.outbox[0].to == [users["member"].email]
    assert "/library/-/sessions/" in mail.outbox[0].body  # the calendar link


def test_visitors_who_are_not_signed_in_are_sent_to_sign_in(session, client):
    response = _register(client, session)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Registration.objects.exists()


def test_signed_in_people_who_are_not_members_cannot_register(session, users, login):
    response = _register(login(users["signed_in"]), session)
    assert response.status_code == 302
    assert "Registration is open to members of a task force." in _messages(response)
    assert not Registration.objects.exists()
    with pytest.raises(ValidationError):
        events.registration_create(session=session, user=users["signed_in"])


def test_a_training_above_the_members_tier_answers_404(session, users, login):
    session.page.access_tier = "law_enforcement"
    session.page.save()
    assert _register(login(users["member"]), session).status_code == 404
    assert _register(login(users["law_enforcement"]), session).status_code == 302
    assert Registration.objects.get().user == users["law_enforcement"]


def test_a_missing_session_answers_404(users, login, library_index):
    response = login(users["member"]).post(reverse("library:session_register", args=[999999]))
    assert response.status_code == 404


def test_registration_needs_a_post(session, users, login):
    response = login(users["member"]).get(reverse("library:session_register", args=[session.pk]))
    assert response.status_code == 405


def test_a_webinar_with_external_registration_links_out(webinar, users, login):
    webinar.registration_url = "https://example.org/register"
    webinar.save()
    session = webinar.sessions.get()
    response = _register(login(users["member"]), session)
    assert not Registration.objects.exists()
    assert "organiser" in " ".join(_messages(response))
    html = _panel(webinar, users["member"])
    assert 'href="https://example.org/register"' in html
    assert reverse("library:session_register", args=[session.pk]) not in html


def test_a_session_that_has_started_is_closed(classroom_training, users):
    start = timezone.now() - datetime.timedelta(minutes=5)
    past = EventSessionFactory(
        page=classroom_training, start=start, end=start + datetime.timedelta(hours=2)
    )
    with pytest.raises(ValidationError, match="registration is closed"):
        events.registration_create(session=past, user=users["member"])


def test_unlimited_sessions_never_waitlist(webinar, users):
    session = webinar.sessions.get()
    statuses = {
        events.registration_create(session=session, user=users[kind]).status
        for kind in ("member", "taskforce_member", "law_enforcement", "prosecutor")
    }
    assert statuses == {RegistrationStatus.CONFIRMED}


def test_raising_capacity_promotes_the_waitlist(session, users):
    for kind in ("member", "taskforce_member"):
        events.registration_create(session=session, user=users[kind])
    waiting = events.registration_create(session=session, user=users["law_enforcement"])
    session.capacity = 3
    session.save()
    events.session_fill_seats(session=session)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def _panel(page, user):
    request = RequestFactory().get(page.url)
    request.user = user
    return render_to_string(
        "library/events/_registration.html",
        {"page": page, "sessions": list(page.sessions.all())},
        request=request,
    )


def test_the_panel_shows_seats_left_and_a_register_button(classroom_training, users):
    html = _panel(classroom_training, users["member"])
    assert "2 seats left" in html
    assert ">Register<" in html
    assert "Add to calendar" in html
    assert "Chicago, IL" in html


def test_the_panel_says_join_the_waitlist_when_full_and_shows_my_status(
    classroom_training, session, users
):
    for kind in ("member", "taskforce_member"):
        events.registration_create(session=session, user=users[kind])
    assert "Join the waitlist" in _panel(classroom_training, users["law_enforcement"])
    mine = _panel(classroom_training, users["member"])
    assert "You are registered" in mine
    assert "Cancel my registration" in mine


def test_the_panel_shows_the_time_in_the_sessions_time_zone(classroom_training, session, users):
    session.time_zone = "America/Los_Angeles"
    session.save()
    html = _panel(classroom_training, users["member"])
    assert events.local_start(session).strftime("%-I:%M %p") in html
    assert "PST" in html or "PDT" in html


def test_visitors_see_a_sign_in_link_instead_of_a_button(classroom_training):
    from django.contrib.auth.models import AnonymousUser

    html = _panel(classroom_training, AnonymousUser())
    assert "Sign in to register" in html
    assert ">Register<" not in html
