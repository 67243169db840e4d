"""Broad searches on the database engine, kept until the index changes.

A word on thousands of pages ("skole", "plan") is what many people type, and
the costliest search there is: the newest thousand matches are found, counted
by facet and ranked (`MANY_HITS`). Its answer is the same for everyone with
the same access until something in the index changes, so it is kept, the way
Elasticsearch's request cache keeps aggregations until the next refresh.

What is kept is keyed on

- the content version (`intranet.core.selectors.content_key`), which every
  publish, unpublish, move, deletion, restriction, unit or topic change moves
  in the same transaction as the change (other processes included); and
- the index generation, a number in the cache that every write to the index
  moves, at once and again after its commit: an uploaded document, a renamed
  person's pages, a rebuild, a test that writes documents itself.

So a search never shows a page that is gone, and a new page is found at the
next search. Only the database engine keeps searches: Elasticsearch's index
lags the commit (its refresh), and it keeps its own.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from intranet.core.generations import generation, generation_bump
from intranet.core.selectors import content_key
from search.backends.base import Access, SearchResults
from search.query import SearchQuery

#: The generation (`intranet.core.generations`) every index write moves.
INDEX = "search-index"


def index_changed() -> None:
    """Forget every kept search (now, and after the commit: a search that read
    the index before it may have kept what it found)."""
    generation_bump(INDEX)


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
            generation(INDEX),
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
