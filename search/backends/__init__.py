"""The active search engine, chosen by settings.

``SEARCH_BACKEND`` ("database" or "elasticsearch") wins when set; otherwise an
``ELASTICSEARCH_URL`` selects Elasticsearch and no URL the database.
Elasticsearch's connection (``ELASTICSEARCH_API_KEY``, ``ELASTICSEARCH_CA_CERTS``,
``ELASTICSEARCH_VERIFY_CERTS``) and its circuit breaker
(``ELASTICSEARCH_BREAKER_FAILURES``, ``ELASTICSEARCH_BREAKER_COOLDOWN``) are
read from settings too; see README "Search".
"""

from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from search.backends.base import SearchBackend, SearchUnavailable
from search.backends.database import DatabaseBackend

__all__ = ["SearchBackend", "SearchUnavailable", "get_backend", "database_backend"]

DEFAULT_INDEX = "intranet-search"


def backend_name() -> str:
    name = getattr(settings, "SEARCH_BACKEND", "") or ""
    if name:
        if name not in {"database", "elasticsearch"}:
            raise ImproperlyConfigured(
                f"SEARCH_BACKEND must be 'database' or 'elasticsearch', not {name!r}."
            )
        return name
    return "elasticsearch" if getattr(settings, "ELASTICSEARCH_URL", "") else "database"


@lru_cache(maxsize=8)
def _elasticsearch(url: str, index: str, timeout: float, **options) -> SearchBackend:
    from search.backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(url=url, index=index, timeout=timeout, **options)


def database_backend() -> DatabaseBackend:
    return DatabaseBackend()


def get_backend() -> SearchBackend:
    """The engine searches go to (the database index is always kept too)."""
    if backend_name() == "elasticsearch":
        url = getattr(settings, "ELASTICSEARCH_URL", "")
        if not url:
            raise ImproperlyConfigured(
                "SEARCH_BACKEND is 'elasticsearch' but ELASTICSEARCH_URL is empty."
            )
        return _elasticsearch(
            url,
            getattr(settings, "ELASTICSEARCH_INDEX", "") or DEFAULT_INDEX,
            float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 5)),
            api_key=getattr(settings, "ELASTICSEARCH_API_KEY", "") or "",
            ca_certs=str(getattr(settings, "ELASTICSEARCH_CA_CERTS", "") or ""),
            verify_certs=bool(getattr(settings, "ELASTICSEARCH_VERIFY_CERTS", True)),
            breaker_failures=int(
                getattr(settings, "ELASTICSEARCH_BREAKER_FAILURES", 3)
            ),
            breaker_cooldown=int(
                getattr(settings, "ELASTICSEARCH_BREAKER_COOLDOWN", 30)
            ),
        )
    return database_backend()
