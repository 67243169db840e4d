"""Opening Wagtail's page explorer in tests, with the queries it costs."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


def explore(client, page, query: str = "") -> tuple[str, int]:
    """The explorer of ``page`` (with ``query``, e.g. "?q=…"): its HTML and
    the number of queries of a second visit (the first fills per-process
    caches: content types, sites)."""
    url = reverse("wagtailadmin_explore", args=[page.pk]) + query
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(context.captured_queries)
