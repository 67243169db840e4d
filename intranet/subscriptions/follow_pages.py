"""Topic pages: what is new there, and a button to follow it.

A person's and a unit's page, with their follow buttons, are in `intranet.people`.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from intranet.core.models import Topic
from search import selectors
from search.query import SearchQuery

RECENT = 10


def _recent(query: SearchQuery, user) -> list:
    results, _notices = selectors.search_run(
        query=query.replace(sort="newest"), user=user
    )
    return [hit.document for hit in results.hits[:RECENT]]


def _search_url(query: SearchQuery) -> str:
    return reverse("search:search") + "?" + query.replace(sort="newest").urlencode()


@require_safe
def topic_page(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    query = SearchQuery(topics=(topic.slug,))
    return render(
        request,
        "subscriptions/follow_page.html",
        {
            "heading": topic.name,
            "description": topic.description,
            "query": query,
            "items": _recent(query, request.user),
            "search_url": _search_url(query),
        },
    )
