from django.core.management.base import BaseCommand

from library.mylibrary import send_search_alerts


class Command(BaseCommand):
    help = (
        "Email each user the new resources matching their saved searches that they may open. "
        "Run daily by the scheduler."
    )

    def handle(self, *args, verbosity=1, **options):
        def log(message):
            if verbosity:
                self.stdout.write(message)

        send_search_alerts(log=log)
