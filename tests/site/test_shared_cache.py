"""What must hold across web processes and machines uses the shared cache (Redis in
production): login rate limits, the reuse of a two-factor code, and the claim of a scheduled
job. Two separate Python processes, both on the production settings and one Redis, prove it."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

PROBE = r"""
import os, sys, django
sys.path[:0] = [{root!r}, {site!r}]
django.setup()
from django.test import RequestFactory
from allauth.core import ratelimit
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from core.schedule import due_jobs
action = sys.argv[1]
if action == "login":
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="203.0.113.9")
    request.user = None
    key = "victim@example.org"
    ok = [ratelimit.consume(request, action="login_failed", key=key) for _ in range(3)]
    print(",".join("y" if x else "n" for x in ok))
elif action == "totp":
    # A long period, so a slow machine starting the second process cannot outlive the mark.
    from django.conf import settings
    settings.MFA_TOTP_PERIOD = 600
    totp = TOTP(Authenticator(pk=1, type="totp", data={{}}))
    print("y" if totp._mark_code_used(sys.argv[2]) else "n")
elif action == "schedule":
    from django.conf import settings
    settings.SCHEDULED_JOBS = [("check", 5), ("clearsessions", 60)]
    print(len(due_jobs(now=1_000_000.0)))
"""


def run(action, *args, prefix):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "localhost",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": prefix,
        "DATABASE_URL": "sqlite:///:memory:",
        "LOG_LEVEL": "ERROR",
    }
    code = PROBE.format(root=str(ROOT), site=str(ROOT / "site"))
    result = subprocess.run(
        [sys.executable, "-c", code, action, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def prefix():
    return f"test-{uuid.uuid4().hex}"


def test_login_failure_limits_count_across_processes(prefix):
    """allauth allows five failures per account in five minutes, wherever they land."""
    first = run("login", prefix=prefix)
    second = run("login", prefix=prefix)
    assert first == "y,y,y"
    assert second == "y,y,n"


def test_a_two_factor_code_cannot_be_reused_on_another_process(prefix):
    assert run("totp", "123456", prefix=prefix) == "y"
    assert run("totp", "123456", prefix=prefix) == "n"


def test_a_scheduled_job_is_claimed_once_across_schedulers(prefix):
    claimed = [int(run("schedule", prefix=prefix)) for _ in range(2)]
    assert claimed == [2, 0]
