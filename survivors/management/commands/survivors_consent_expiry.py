from django.core.management.base import BaseCommand

from survivors.services import consent_expire


class Command(BaseCommand):
    help = "Unpublish every Survivor Voices work whose author's consent has reached its end date."

    def handle(self, *args, **options):
        self.stdout.write("Checking the end dates of authors' consent…")
        ended = consent_expire(progress=self.stdout.write)
        self.stdout.write(f"Done: {len(ended)} work(s) unpublished because consent ended.")
