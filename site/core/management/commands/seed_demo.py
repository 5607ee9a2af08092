import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Create or refresh the demo content (task forces, accounts for every role, library, "
        "forum, mentoring, survivor works). Idempotent. Refuses to run with DEBUG off."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (never in production).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a known password, so it refuses to run with "
                "DEBUG off. Use --force only on a throwaway database."
            )
        accounts = {}

        def log(what, users=()):
            self.stdout.write(f"  ✓ {what}")
            for user in users:
                accounts[user.email] = user

        seeders = [(path, _import_seeder(path)) for path in settings.DEMO_SEEDERS]
        seeders = [(path, module) for path, module in seeders if module is not None]
        for index, (path, module) in enumerate(seeders, start=1):
            self.stdout.write(f"[{index}/{len(seeders)}] {path}")
            with transaction.atomic():
                module.seed(log=log)

        self.stdout.write(self.style.SUCCESS("\nDemo content is ready."))
        self.stdout.write(f"Every demo account's password: {settings.DEMO_PASSWORD}\n")
        width = max((len(email) for email in accounts), default=20)
        for email, user in sorted(accounts.items()):
            self.stdout.write(f"  {email:<{width}}  {user.display_name}")


def _import_seeder(path):
    try:
        return importlib.import_module(path)
    except ModuleNotFoundError as exc:
        if exc.name == path:
            return None
        raise
