import signal
import time

from django.core.management.base import BaseCommand

from core.schedule import enqueue_due_jobs, jobs
from core.tasks import worker_heartbeat


class Command(BaseCommand):
    help = (
        "Enqueue scheduled jobs (digests, reminders, consent end dates, search "
        "reconciliation) when they fall due."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Check once and exit (for cron).")
        parser.add_argument("--interval", type=int, default=30, help="Seconds between checks.")

    def handle(self, *args, once=False, interval=30, **options):
        running = True

        def stop(*_):
            nonlocal running
            running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"Scheduler: {len(jobs())} jobs; checking every {interval}s.")
        while running:
            worker_heartbeat.enqueue()
            for job in enqueue_due_jobs():
                self.stdout.write(f"  enqueued {job.name}")
            if once:
                break
            for _ in range(interval):
                if not running:
                    break
                time.sleep(1)
