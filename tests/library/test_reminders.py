"""Reminders before a session: confirmed registrants whose session starts within
LIBRARY_REMINDER_HOURS hear once; nobody on the waitlist, nobody for a far-off session, and
nobody who may no longer open the resource."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from library import events
from library.models import Registration


@pytest.fixture
def soon(classroom_training):
    """The training's session, moved to start in three hours."""
    session = classroom_training.sessions.get()
    session.start = timezone.now() + datetime.timedelta(hours=3)
    session.end = session.start + datetime.timedelta(hours=7)
    session.save()
    return session


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def send(**kwargs):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            count = events.send_reminders(**kwargs)
        return count

    return send


def _register_now(session, user, status="confirmed"):
    # Straight to the table: registration itself closes only when the session starts.
    return Registration.objects.create(session=session, user=user, status=status)


def test_confirmed_registrants_are_reminded_once(soon, users, run):
    _register_now(soon, users["member"])
    assert run() == 1
    assert mail.outbox[0].to == [users["member"].email]
    assert soon.page.title in mail.outbox[0].subject
    assert "Chicago, IL" in mail.outbox[0].body
    assert Registration.objects.get().reminded_at is not None
    assert run() == 0
    assert mail.outbox == []


def test_the_waitlist_and_cancelled_registrations_get_no_reminder(soon, users, run):
    _register_now(soon, users["member"], status="waitlisted")
    _register_now(soon, users["taskforce_member"], status="cancelled")
    assert run() == 0


def test_sessions_beyond_the_reminder_window_wait(classroom_training, users, run):
    session = classroom_training.sessions.get()  # in 30 days
    events.registration_create(session=session, user=users["member"])
    assert run() == 0
    assert run(now=session.start - datetime.timedelta(hours=23)) == 1


def test_the_window_follows_the_setting(soon, users, run, settings):
    _register_now(soon, users["member"])
    settings.LIBRARY_REMINDER_HOURS = 2
    assert run() == 0
    settings.LIBRARY_REMINDER_HOURS = 4
    assert run() == 1


def test_sessions_that_have_started_get_no_reminder(soon, users, run):
    _register_now(soon, users["member"])
    assert run(now=soon.start + datetime.timedelta(minutes=1)) == 0


def test_people_who_may_no_longer_open_the_resource_are_not_reminded(soon, users, run):
    _register_now(soon, users["member"])
    soon.page.access_tier = "law_enforcement"
    soon.page.save()
    assert run() == 0
    assert mail.outbox == []


def test_the_command_reports_its_progress(soon, users, django_capture_on_commit_callbacks):
    _register_now(soon, users["member"])
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("library_send_reminders", stdout=out)
    assert users["member"].email in out.getvalue()
    assert "Sent 1 reminder." in out.getvalue()


def test_the_background_task_sends_the_same_reminders(
    soon, users, django_capture_on_commit_callbacks
):
    from library.tasks import send_reminders

    _register_now(soon, users["member"])
    with django_capture_on_commit_callbacks(execute=True):
        result = send_reminders.enqueue()
    assert result.return_value == 1
