"""What /healthz checks: the database, the cache, the search backend and the background
worker's heartbeat. Each check answers quickly and never raises."""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)
HEARTBEAT_KEY = "core:worker-heartbeat"
HEARTBEAT_MAX_AGE = 180  # seconds


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True, connection.vendor
    except Exception as exc:  # noqa: BLE001 - a health check reports, it does not raise
        logger.warning("health: database down: %s", exc.__class__.__name__)
        return False, "unreachable"


def check_cache() -> tuple[bool, str]:
    key = "core:health-probe"
    try:
        cache.set(key, "ok", 10)
        ok = cache.get(key) == "ok"
        backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        return ok, backend if ok else "unreadable"
    except Exception as exc:  # noqa: BLE001
        logger.warning("health: cache down: %s", exc.__class__.__name__)
        return False, "unreachable"


def check_search() -> tuple[bool, str]:
    url = getattr(settings, "ELASTICSEARCH_URL", None)
    if not url:
        return True, "database"
    try:
        from search import service

        ok = service.elasticsearch_available()
    except Exception as exc:  # noqa: BLE001
        logger.warning("health: search check failed: %s", exc.__class__.__name__)
        ok = False
    return ok, "elasticsearch" if ok else "elasticsearch unreachable (database fallback)"


def check_worker() -> tuple[bool, str]:
    backend = settings.TASKS["default"]["BACKEND"]
    if "Immediate" in backend:
        return True, "in-process"
    try:
        beat = cache.get(HEARTBEAT_KEY)
    except Exception:  # noqa: BLE001
        return False, "unknown (cache unreachable)"
    if beat is None:
        return False, "no heartbeat"
    age = time.time() - beat
    return age < HEARTBEAT_MAX_AGE, f"heartbeat {int(age)}s ago"


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "search": check_search,
    "worker": check_worker,
}
# Search can fall back to the database, so it degrades the site rather than taking it down.
ESSENTIAL = {"database", "cache", "worker"}


def run_checks() -> dict:
    results = {name: check() for name, check in CHECKS.items()}
    up = all(results[name][0] for name in ESSENTIAL)
    return {
        "status": "up" if up else "down",
        "checks": {name: {"up": ok, "detail": detail} for name, (ok, detail) in results.items()},
    }


def record_heartbeat() -> None:
    cache.set(HEARTBEAT_KEY, time.time(), HEARTBEAT_MAX_AGE * 4)
