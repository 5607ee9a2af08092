import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Back up the database (pg_dump, or SQLite's online backup) and the media folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--to", default=None, help="Folder for the backup (default var/backups/<time>)."
        )

    def handle(self, *args, to=None, **options):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = Path(to or Path(settings.VAR_DIR) / "backups" / stamp)
        target.mkdir(parents=True, exist_ok=True)
        db = connection.settings_dict
        if connection.vendor == "postgresql":
            dump = target / "database.dump"
            subprocess.run(  # noqa: S603
                [
                    shutil.which("pg_dump") or "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--file",
                    str(dump),
                    *_pg_args(db),
                ],
                check=True,
                env=_pg_env(db),
            )
        elif connection.vendor == "sqlite":
            dump = target / "database.sqlite3"
            source = sqlite3.connect(str(db["NAME"]))
            with sqlite3.connect(str(dump)) as copy:
                source.backup(copy)
            source.close()
        else:
            raise CommandError(f"No backup method for {connection.vendor}.")
        media = Path(settings.MEDIA_ROOT)
        with tarfile.open(target / "media.tar.gz", "w:gz") as archive:
            if media.exists():
                archive.add(media, arcname="media")
        self.stdout.write(str(target))


def _pg_args(db) -> list[str]:
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return args


def _pg_env(db) -> dict:
    import os

    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env
