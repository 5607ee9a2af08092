"""Two members asking for the last seat at the same moment: exactly one gets it, the other is
first on the waitlist. Real concurrency: two threads, each with its own database connection,
released together by a barrier (SQLite and PostgreSQL alike)."""

import threading

import pytest
from django.db import connection

from library import events
from library.models import EventSession, Registration, RegistrationStatus
from users.models import User


def _register_at_once(session_pk: int, user_pks: list[int]) -> list:
    barrier = threading.Barrier(len(user_pks))
    outcomes: list = []

    def register(user_pk):
        try:
            session = EventSession.objects.select_related("page").get(pk=session_pk)
            user = User.objects.get(pk=user_pk)
            barrier.wait(timeout=30)
            outcomes.append(events.registration_create(session=session, user=user).status)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(pk,)) for pk in user_pks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.django_db(transaction=True)
def test_two_members_racing_for_the_last_seat_cannot_both_get_it(classroom_training, users):
    session = classroom_training.sessions.get()
    events.registration_create(session=session, user=users["co_lead"])  # one of two seats gone

    outcomes = _register_at_once(session.pk, [users["member"].pk, users["law_enforcement"].pk])

    assert sorted(outcomes, key=str) == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    ], outcomes
    assert Registration.objects.filter(status=RegistrationStatus.CONFIRMED).count() == 2
    waiting = Registration.objects.get(status=RegistrationStatus.WAITLISTED)
    assert events.waitlist_position(waiting) == 1


@pytest.mark.django_db(transaction=True)
def test_a_double_click_by_one_member_makes_one_registration(classroom_training, users):
    session = classroom_training.sessions.get()
    member = users["member"].pk

    outcomes = _register_at_once(session.pk, [member, member])

    assert outcomes == [RegistrationStatus.CONFIRMED, RegistrationStatus.CONFIRMED], outcomes
    assert Registration.objects.filter(user_id=member).count() == 1
