"""Production settings pass `check --deploy` with no warnings and refuse to start without
what they need."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "a" * 20 + "-production-secret-for-the-deploy-check-" + "z" * 20,
    "ALLOWED_HOSTS": "hub.example.org",
    "DEBUG": "0",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    clean.update(env)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=clean,
        cwd=ROOT,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_required_settings(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_refuses_debug():
    result = manage("check", env={**PRODUCTION_ENV, "DEBUG": "1"})
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_object_storage_keeps_the_bucket_private():
    env = {**PRODUCTION_ENV, "AWS_STORAGE_BUCKET_NAME": "tfh-media"}
    code = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps(s.STORAGES['default']))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    clean.update(env)
    clean["PYTHONPATH"] = f"{ROOT}:{ROOT / 'site'}"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=clean,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    import json

    storage = json.loads(result.stdout.strip().splitlines()[-1])
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["default_acl"] == "private"
    assert storage["OPTIONS"]["querystring_auth"] is True
    assert storage["OPTIONS"]["querystring_expire"] <= 300


def test_production_uses_a_durable_task_queue_and_json_logs():
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.TASKS['default']['BACKEND']); print(s.LOGGING['handlers']['console']['formatter'])"
    )
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    clean.update(PRODUCTION_ENV)
    clean["PYTHONPATH"] = f"{ROOT}:{ROOT / 'site'}"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=clean,
        cwd=ROOT,
        timeout=60,
    )
    assert result.stdout.split() == ["django_tasks_db.DatabaseBackend", "json"], result.stderr


@pytest.mark.parametrize(
    ("work_mem", "expected"), [(None, "64MB"), ("16MB", "16MB"), ("server", "")]
)
def test_postgresql_connections_get_the_work_mem_search_needs(work_mem, expected):
    """Broad searches hash the facet rows of every match; with PostgreSQL's 4 MB default the
    hash spills to disk. The setting only shapes the connection options (no server needed)."""
    env = {"DATABASE_URL": "postgres://hub@db.invalid:5432/hub"}
    if work_mem is not None:
        env["DATABASE_WORK_MEM"] = work_mem
    code = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    result = manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    if expected:
        assert f"-c work_mem={expected}" in result.stdout
    else:
        assert "work_mem" not in result.stdout
