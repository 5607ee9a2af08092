from django.core.management.base import BaseCommand

from library.events import send_reminders


class Command(BaseCommand):
    help = (
        "Email registrants whose session starts within LIBRARY_REMINDER_HOURS (once each). "
        "Run hourly by the scheduler."
    )

    def handle(self, *args, verbosity=1, **options):
        def log(message):
            if verbosity:
                self.stdout.write(message)

        send_reminders(log=log)
