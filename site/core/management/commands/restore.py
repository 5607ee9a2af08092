import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup import _pg_args, _pg_env


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into the configured (empty) database and media "
        "folder. Point DATABASE_URL and MEDIA_ROOT at the new place first."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="The backup folder.")

    def handle(self, *args, source, **options):
        source = Path(source)
        db = connection.settings_dict
        if connection.vendor == "postgresql":
            dump = source / "database.dump"
            if not dump.exists():
                raise CommandError(f"{dump} is missing.")
            subprocess.run(  # noqa: S603
                [
                    shutil.which("pg_restore") or "pg_restore",
                    "--no-owner",
                    "--exit-on-error",
                    *_pg_args(db),
                    str(dump),
                ],
                check=True,
                env=_pg_env(db),
            )
        elif connection.vendor == "sqlite":
            dump = source / "database.sqlite3"
            if not dump.exists():
                raise CommandError(f"{dump} is missing.")
            connection.close()
            shutil.copyfile(dump, db["NAME"])
        else:
            raise CommandError(f"No restore method for {connection.vendor}.")
        media = Path(settings.MEDIA_ROOT)
        media.mkdir(parents=True, exist_ok=True)
        with tarfile.open(source / "media.tar.gz") as archive:
            for member in archive.getmembers():
                if not member.name.startswith("media") or ".." in Path(member.name).parts:
                    raise CommandError(f"Unexpected path in the archive: {member.name}")
            archive.extractall(media.parent / "_restore", filter="data")
        restored = media.parent / "_restore" / "media"
        if restored.exists():
            shutil.copytree(restored, media, dirs_exist_ok=True)
        shutil.rmtree(media.parent / "_restore", ignore_errors=True)
        self.stdout.write(f"Restored {source}")
