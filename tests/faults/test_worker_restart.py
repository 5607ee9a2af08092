"""Background work survives the worker being stopped: tasks queued while no worker runs, or
left behind by a worker that stopped early, wait in the database and run when one starts."""

import pytest
from django.core import mail
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.tasks import send_email, worker_heartbeat

from .conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def _queue(count: int) -> list:
    return [
        send_email.enqueue(subject=f"Queued {n}", body="-", to=[f"m{n}@example.org"])
        for n in range(count)
    ]


def _statuses() -> list[str]:
    return sorted(DBTaskResult.objects.values_list("status", flat=True))


def test_tasks_queued_while_no_worker_runs_wait_and_then_all_run(durable_tasks):
    _queue(4)
    heartbeat = worker_heartbeat.enqueue()
    assert _statuses() == ["READY"] * 5 and mail.outbox == []

    run_worker()

    assert _statuses() == ["SUCCESSFUL"] * 5
    assert sorted(m.subject for m in mail.outbox) == [f"Queued {n}" for n in range(4)]
    heartbeat.refresh()
    assert heartbeat.status == TaskResultStatus.SUCCESSFUL


def test_a_worker_stopped_midway_leaves_the_rest_for_the_next_one(durable_tasks):
    _queue(5)
    run_worker("--max-tasks", "2")  # stops (a deploy, a crash) after two tasks
    assert _statuses() == ["READY"] * 3 + ["SUCCESSFUL"] * 2
    assert len(mail.outbox) == 2

    run_worker()  # the restarted worker

    assert _statuses() == ["SUCCESSFUL"] * 5
    assert sorted(m.subject for m in mail.outbox) == [f"Queued {n}" for n in range(5)]
