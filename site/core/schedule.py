"""Scheduled jobs: run by the `run_scheduler` process (or cron calling `run_scheduled_jobs`),
never by a web request. Each job is a management command enqueued as a background task once
per period; a shared-cache key per period makes that exactly once however many schedulers run
on however many machines."""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    command: str
    every_minutes: int
    args: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return " ".join((self.command, *self.args))


def jobs() -> list[Job]:
    return [
        Job(command, minutes, tuple(args))
        for command, minutes, *args in getattr(settings, "SCHEDULED_JOBS", [])
    ]


def due_jobs(now: float | None = None) -> list[Job]:
    """The jobs whose period has started and that no scheduler has claimed yet."""
    now = time.time() if now is None else now
    claimed = []
    for job in jobs():
        slot = int(now // (job.every_minutes * 60))
        if cache.add(f"core:schedule:{job.name}:{slot}", 1, job.every_minutes * 60 * 2):
            claimed.append(job)
    return claimed


def enqueue_due_jobs(now: float | None = None) -> list[Job]:
    from .tasks import run_command

    claimed = due_jobs(now)
    for job in claimed:
        run_command.enqueue(command=job.command, args=list(job.args))
        logger.info("scheduled %s", job.name)
    return claimed
