"""The search engine in /healthz."""

from wagtail import hooks

from intranet.core.health import Check
from search.backends import get_backend
from search.models import PendingIndexUpdate


@hooks.register("register_health_check")
def search_health() -> tuple[str, Check]:
    """ "skipped" (so /healthz says "degraded") while the circuit breaker keeps
    searches away from Elasticsearch after failures in a row; the database
    backend answers them meanwhile. Asks the cache, never the cluster, so a
    hung cluster cannot slow /healthz down."""
    backend = get_backend()
    details: dict = {"backend": backend.name}
    breaker = getattr(backend, "breaker", None)
    if breaker is None:
        return "search", Check("ok", details=details)
    state = breaker.state()
    details["failures"] = state.failures
    details["pending_updates"] = PendingIndexUpdate.objects.count()
    if state.is_open:
        details["retry_in_seconds"] = state.retry_in
        return "search", Check("skipped", details=details)
    return "search", Check("ok", details=details)
