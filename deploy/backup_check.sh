#!/usr/bin/env bash
# Backup and restore round trip: builds a database with the demo content, backs it up
# (database + media), restores into a fresh database and media folder, and compares row
# counts of every table and the media files. Uses PostgreSQL when BACKUP_CHECK_PG is set
# (a server URL without a database name, e.g. postgres://postgres@127.0.0.1:5432), SQLite
# otherwise. Exits non-zero on any difference.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${BACKUP_CHECK_PG:-}" ] && { psql "$BACKUP_CHECK_PG/postgres" -qc "DROP DATABASE IF EXISTS $src_db" ; psql "$BACKUP_CHECK_PG/postgres" -qc "DROP DATABASE IF EXISTS $dst_db"; } >/dev/null 2>&1 || true' EXIT

export DJANGO_SETTINGS_MODULE=config.settings.dev
if [ -n "${BACKUP_CHECK_PG:-}" ]; then
    src_db="tfh_backup_src_$$"; dst_db="tfh_backup_dst_$$"
    psql "$BACKUP_CHECK_PG/postgres" -qc "CREATE DATABASE $src_db"
    psql "$BACKUP_CHECK_PG/postgres" -qc "CREATE DATABASE $dst_db"
    SRC_URL="$BACKUP_CHECK_PG/$src_db"; DST_URL="$BACKUP_CHECK_PG/$dst_db"
else
    SRC_URL="sqlite:///$work/source.sqlite3"; DST_URL="sqlite:///$work/restored.sqlite3"
fi

echo "[1/4] building a database with the demo content"
DATABASE_URL=$SRC_URL MEDIA_ROOT=$work/media-src $PY manage.py migrate --no-input -v0
DATABASE_URL=$SRC_URL MEDIA_ROOT=$work/media-src $PY manage.py seed_demo > /dev/null 2>&1
echo "[2/4] backing up"
DATABASE_URL=$SRC_URL MEDIA_ROOT=$work/media-src $PY manage.py backup --to "$work/backup" > /dev/null
echo "[3/4] restoring into a fresh database"
DATABASE_URL=$DST_URL MEDIA_ROOT=$work/media-dst $PY manage.py restore "$work/backup"
echo "[4/4] comparing"
count() {
    DATABASE_URL=$1 $PY manage.py shell -v0 -c "
from django.apps import apps
for m in sorted(apps.get_models(), key=lambda m: m._meta.db_table):
    if not m._meta.managed or m._meta.proxy: continue
    print(m._meta.db_table, m._default_manager.count())"
}
count "$SRC_URL" > "$work/src.counts"
count "$DST_URL" > "$work/dst.counts"
diff "$work/src.counts" "$work/dst.counts"
(cd "$work/media-src" 2>/dev/null && find . -type f | sort) > "$work/src.files" || true
(cd "$work/media-dst" 2>/dev/null && find . -type f | sort) > "$work/dst.files" || true
diff "$work/src.files" "$work/dst.files"
echo "backup round trip: $(wc -l < "$work/src.counts") tables and $(wc -l < "$work/src.files") media files match"
