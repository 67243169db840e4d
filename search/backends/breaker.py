"""A circuit breaker in front of the search engine.

A cluster that hangs would otherwise add the whole request timeout to every
search and every publish. After ``failures`` outages in a row (a refused or
timed-out connection, a 5xx or 429 answer) the engine is skipped for
``cooldown`` seconds: searches go straight to the database backend with the
usual notice, and index updates are recorded as pending (``search_retry``
sends them later). When the cool-down has passed, the next request tries the
engine again; one success closes the breaker, one more failure opens it for
another cool-down.

The state lives in Django's default cache, so every process that shares the
cache shares the breaker: with Redis (production) one process's failures spare
the others the timeout; with the local-memory cache (development, tests) each
process learns on its own, which is still correct, only slower to trip. A cache
that fails never makes search fail: the breaker then stays closed.
"""

import logging
import time
from dataclasses import dataclass

from django.core.cache import cache

from search.backends.base import SearchUnavailable

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BreakerState:
    failures: int
    open_until: float | None  # a time.time(); None when closed

    @property
    def is_open(self) -> bool:
        return self.open_until is not None and self.open_until > time.time()

    @property
    def retry_in(self) -> int:
        if not self.is_open:
            return 0
        return max(1, round(self.open_until - time.time()))


class CircuitBreaker:
    def __init__(self, name: str, *, failures: int, cooldown: int) -> None:
        self.name = name
        self.threshold = max(1, failures)
        self.cooldown = max(1, int(cooldown))
        self.failures_key = f"search:breaker:{name}:failures"
        self.open_key = f"search:breaker:{name}:open"

    def state(self) -> BreakerState:
        try:
            found = cache.get_many([self.failures_key, self.open_key])
        except Exception:  # noqa: BLE001 - a broken cache must not break search
            logger.exception("Circuit breaker %s: cannot read the cache", self.name)
            return BreakerState(failures=0, open_until=None)
        return BreakerState(
            failures=int(found.get(self.failures_key) or 0),
            open_until=found.get(self.open_key),
        )

    def before(self) -> BreakerState:
        """Raise SearchUnavailable while the breaker is open; else the state."""
        state = self.state()
        if state.is_open:
            raise SearchUnavailable(
                f"{self.name} skipped for {state.retry_in} s more after "
                f"{state.failures} failures in a row (circuit breaker open)"
            )
        return state

    def succeeded(self, state: BreakerState) -> None:
        if not state.failures:
            return  # the common case costs no cache write
        try:
            cache.delete_many([self.failures_key, self.open_key])
        except Exception:  # noqa: BLE001
            logger.exception("Circuit breaker %s: cannot write the cache", self.name)

    def failed(self) -> None:
        try:
            # Kept well past a cool-down, so that one failure after it reopens.
            cache.add(self.failures_key, 0, timeout=self.cooldown * 20)
            failures = cache.incr(self.failures_key)
            if failures >= self.threshold:
                cache.set(
                    self.open_key, time.time() + self.cooldown, timeout=self.cooldown
                )
                logger.warning(
                    "Circuit breaker %s open for %s s after %s failures in a row",
                    self.name,
                    self.cooldown,
                    failures,
                )
        except Exception:  # noqa: BLE001
            logger.exception("Circuit breaker %s: cannot write the cache", self.name)

    def reset(self) -> None:
        cache.delete_many([self.failures_key, self.open_key])
