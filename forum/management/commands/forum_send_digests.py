from django.core.management.base import BaseCommand

from forum.tasks import send_digests


class Command(BaseCommand):
    help = "Queue the forum digests (run daily and weekly by the scheduler)."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", choices=["daily", "weekly"], required=True)

    def handle(self, *args, frequency, **options):
        result = send_digests.enqueue(frequency=frequency)
        self.stdout.write(f"Queued the {frequency} forum digest ({result.id}).")
