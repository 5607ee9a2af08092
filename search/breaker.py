"""A circuit breaker kept in Django's cache, so every process agrees that a service is down
and stops waiting on it until the interval passes."""

import logging
import time

from django.core.cache import cache

logger = logging.getLogger("search")


class CircuitBreaker:
    def __init__(self, name: str, reset_after: float):
        self.name = name
        self.reset_after = reset_after

    @property
    def _open_key(self) -> str:
        return f"search:breaker:{self.name}:open"

    @property
    def _warned_key(self) -> str:
        return f"search:breaker:{self.name}:warned"

    def is_open(self) -> bool:
        return cache.get(self._open_key) is not None

    def trip(self, error: Exception) -> None:
        cache.set(self._open_key, time.time(), timeout=self.reset_after)
        # cache.add succeeds for one caller per interval: one warning, not one per request.
        if cache.add(self._warned_key, True, timeout=self.reset_after):
            logger.warning(
                "%s is not answering (%s: %s); using the database for %ss.",
                self.name,
                type(error).__name__,
                error,
                self.reset_after,
            )

    def reset(self) -> None:
        cache.delete_many([self._open_key, self._warned_key])
