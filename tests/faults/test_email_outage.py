"""When the mail server does not answer, every email waits in the durable task queue and is
sent once the server is back: none is lost, and the request that caused it never fails."""

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.emails import send_templated
from core.tasks import EMAIL_RETRY_DELAYS, send_email

from .conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

PRIVATE_GROUP = {"restricted": True, "url": "https://hub.example/connect/", "settings_url": "/"}


def _send(count: int) -> list[str]:
    addresses = [f"member{n}@example.org" for n in range(count)]
    for address in addresses:
        send_templated("forum/email/notification", to=[address], context=PRIVATE_GROUP)
    return addresses


def _statuses() -> list[str]:
    return sorted(DBTaskResult.objects.values_list("status", flat=True))


def _time_passes() -> None:
    """The retry delays run out (rather than sleeping through them)."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


def test_emails_wait_in_the_queue_while_the_mail_server_is_down_and_all_arrive_later(
    durable_tasks, smtp_at
):
    addresses = _send(3)
    run_worker()
    assert _statuses() == ["FAILED"] * 3 + ["READY"] * 3
    retries = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert all(r.run_after > timezone.now() for r in retries), "retried later, not at once"
    assert all(r.task_result.kwargs["attempt"] == 2 for r in retries)

    run_worker()  # the retries are not due yet: nothing is lost by running early
    assert _statuses().count("READY") == 3

    server = smtp_at.start()
    _time_passes()
    run_worker()
    assert _statuses() == ["FAILED"] * 3 + ["SUCCESSFUL"] * 3
    assert sorted(a for m in server.messages for a in addresses if f"To: {a}" in m) == addresses
    assert all("New activity in one of your private groups" in m for m in server.messages)


def test_an_outage_longer_than_one_retry_keeps_the_email_queued(durable_tasks, smtp_at):
    _send(1)
    for _ in range(3):
        run_worker()
        _time_passes()
    assert _statuses() == ["FAILED"] * 3 + ["READY"]
    server = smtp_at.start()
    run_worker()
    assert len(server.messages) == 1


def test_a_message_the_server_refuses_for_good_is_not_retried(durable_tasks, smtp_at):
    smtp_at.start(refuse="550 No such mailbox")
    _send(1)
    run_worker()
    assert _statuses() == ["FAILED"]


def test_retries_end_after_the_last_delay(durable_tasks, smtp_at):
    send_email.enqueue(
        subject="Last try", body="-", to=["a@example.org"], attempt=len(EMAIL_RETRY_DELAYS) + 1
    )
    run_worker()
    assert _statuses() == ["FAILED"]


def test_without_a_durable_queue_a_failed_email_fails_loudly_rather_than_vanishing(smtp_at):
    """Development's immediate backend cannot defer: the failure is recorded, not hidden."""
    result = send_email.enqueue(subject="Now", body="-", to=["a@example.org"])
    assert result.status == TaskResultStatus.FAILED
