"""/healthz: up or down for anyone, the parts' states only for staff or the operator's token,
and a stopped database or cache reported as down, never as a 500."""

import json
from unittest import mock

import pytest
from django.db.utils import OperationalError


def get(client, **headers):
    response = client.get("/healthz", **headers)
    return response.status_code, json.loads(response.content)


@pytest.mark.django_db
def test_anonymous_callers_learn_only_up_or_down(client):
    status, body = get(client)
    assert status == 200
    assert body == {"status": "up"}


@pytest.mark.django_db
def test_staff_and_the_token_see_each_part(client, login, users, settings):
    settings.HEALTHZ_TOKEN = "s3cret-token-value"
    status, body = get(client, HTTP_AUTHORIZATION="Bearer s3cret-token-value")
    assert set(body["checks"]) == {"database", "cache", "search", "worker"}
    assert body["checks"]["database"]["up"] is True
    _, wrong = get(client, HTTP_AUTHORIZATION="Bearer wrong")
    assert "checks" not in wrong
    login(users["staff"])
    _, staff = get(client)
    assert "checks" in staff
    assert "s3cret" not in json.dumps(staff)


@pytest.mark.django_db
def test_a_stopped_cache_is_reported_down_without_a_500(client, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    settings.HEALTHZ_TOKEN = "t0ken-value"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    status, body = get(client, HTTP_AUTHORIZATION="Bearer t0ken-value")
    assert status == 503
    assert body["status"] == "down"
    assert body["checks"]["cache"] == {"up": False, "detail": "unreachable"}


@pytest.mark.django_db
def test_a_stopped_database_is_reported_down_without_a_500(client, settings):
    settings.HEALTHZ_TOKEN = "t0ken-value"
    with mock.patch("core.health.connection.cursor", side_effect=OperationalError("down")):
        status, body = get(client, HTTP_AUTHORIZATION="Bearer t0ken-value")
    assert status == 503
    assert body["checks"]["database"] == {"up": False, "detail": "unreachable"}


@pytest.mark.django_db
def test_a_worker_without_heartbeat_is_down(client, settings):
    from django.core.cache import cache

    from core.health import HEARTBEAT_KEY, record_heartbeat

    settings.HEALTHZ_TOKEN = "t0ken-value"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    cache.delete(HEARTBEAT_KEY)
    status, body = get(client, HTTP_AUTHORIZATION="Bearer t0ken-value")
    assert status == 503 and body["checks"]["worker"]["detail"] == "no heartbeat"
    record_heartbeat()
    status, body = get(client, HTTP_AUTHORIZATION="Bearer t0ken-value")
    assert status == 200 and body["checks"]["worker"]["up"] is True


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    response = client.get("/", HTTP_X_REQUEST_ID="abcdef123456")
    assert response["X-Request-ID"] == "abcdef123456"
    response = client.get("/", HTTP_X_REQUEST_ID="<script>")
    assert response["X-Request-ID"] != "<script>" and len(response["X-Request-ID"]) == 32


def test_json_log_lines_carry_the_request_id():
    import logging

    from core.observability import JsonFormatter, RequestIdFilter, request_id_var

    token = request_id_var.set("req-1234567")
    try:
        record = logging.LogRecord("x", logging.WARNING, __file__, 1, "hello %s", ("you",), None)
        RequestIdFilter().filter(record)
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id_var.reset(token)
    assert line["message"] == "hello you"
    assert line["request_id"] == "req-1234567"
    assert line["level"] == "WARNING"


def test_every_scheduled_job_names_a_real_command():
    from django.core.management import get_commands

    from core.schedule import jobs

    commands = get_commands()
    assert jobs()
    for job in jobs():
        assert job.command in commands, job.command
