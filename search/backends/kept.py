"""Broad searches on the database engine, kept until the index changes.

A word on thousands of pages ("skole", "plan") is what many people type, and
the costliest search there is: the newest thousand matches are found, counted
by facet and ranked (`MANY_HITS`). Its answer is the same for everyone with
the same access until something in the index changes, so it is kept, the way
Elasticsearch's request cache keeps aggregations until the next refresh.

What is kept is keyed on

- the content version (`intranet.core.selectors.content_key`), which moves in
  the same transaction as every change search can show, for every process:
  a publish, unpublish, move, deletion, restriction, unit or topic change, and
  (`search.services`) an uploaded document, a person's new name, a page taken
  out after its transaction, a rebuild; and
- the index generation, a number in the cache that every write to the index
  moves at once and again after its commit, so that a search right after a
  write in the same process (a test, a command) never meets an older answer.

So a search never shows a page that is gone, and a new page is found at the
next search. Only the database engine keeps searches: Elasticsearch's index
lags the commit (its refresh), and it keeps its own.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from intranet.core.selectors import content_key
from search.backends.base import Access, SearchResults
from search.query import SearchQuery

#: Where the cache holds the index generation.
GENERATION = "search:index-generation"


def index_generation() -> int:
    """The index's generation (a new, larger number if the cache lost it)."""
    value = cache.get(GENERATION)
    if value is None:
        cache.add(GENERATION, time.time_ns(), timeout=None)
        value = cache.get(GENERATION, 0)
    return value


def _bump() -> None:
    try:
        cache.incr(GENERATION)
    except ValueError:  # lost: start above any earlier number
        cache.set(GENERATION, time.time_ns(), timeout=None)


def index_changed() -> None:
    """Forget every kept search: now, for the rest of the writing transaction,
    and after its commit, for a search that read the index before the commit
    and kept what it found under the old number."""
    _bump()
    transaction.on_commit(_bump)


def kept_search(
    *,
    vendor: str,
    query: SearchQuery,
    user,
    per_page: int,
    search: Callable[[], SearchResults],
) -> SearchResults:
    """``search()``, kept when it found more than ``MANY_HITS`` pages."""
    seconds = settings.SEARCH_RESULTS_SECONDS
    if not seconds or not query.text.strip():
        return search()
    access = Access.for_user(user)
    key = content_key(
        (
            "search:results",
            vendor,
            index_generation(),
            access.authenticated,
            access.group_ids,
            # The ranking favours recent pages, counted in days from today.
            timezone.localdate().isoformat(),
            per_page,
            query.urlencode(),
        )
    )
    results = cache.get(key)
    if results is None:
        results = search()
        if results.capped:
            cache.set(key, results, timeout=seconds)
    return results
