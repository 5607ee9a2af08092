from django.core.management.base import BaseCommand

from mentoring.tasks import send_due_checkins


class Command(BaseCommand):
    help = "Queue the mentoring check-ins that have come due (run daily from the scheduler)."

    def handle(self, *args, **options):
        result = send_due_checkins.enqueue()
        sent = getattr(result, "return_value", None) if result.is_finished else None
        self.stdout.write(f"Check-ins queued{'' if sent is None else f': {sent} sent'}.")
