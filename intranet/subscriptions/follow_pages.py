"""Topic, unit and person pages: what is new there, and a button to follow it."""

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from intranet.core.models import StaffProfile, Topic, Unit
from search import selectors
from search.query import SearchQuery
from search.searchable import story_content_types

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


@require_safe
def unit_page(request: HttpRequest, slug: str) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("parent"), slug=slug)
    query = SearchQuery(units=(unit.slug,))
    return render(
        request,
        "subscriptions/follow_page.html",
        {
            "heading": unit.name,
            "description": unit.description,
            "parent_unit": unit.parent,
            "units": Unit.objects.filter(parent=unit).order_by("name"),
            "query": query,
            "items": _recent(query, request.user),
            "search_url": _search_url(query),
        },
    )


@require_safe
def person_page(request: HttpRequest, username: str) -> HttpResponse:
    person = get_object_or_404(get_user_model(), username=username, is_active=True)
    profile = StaffProfile.objects.select_related("unit").filter(user=person).first()
    stories = SearchQuery(person=person.username, types=story_content_types())
    cases = SearchQuery(person=person.username, types=("case",))
    return render(
        request,
        "subscriptions/follow_page.html",
        {
            "heading": person.get_full_name() or person.get_username(),
            "person": person,
            "profile": profile,
            "query": SearchQuery(person=person.username),
            "cases": _recent(cases, request.user),
            "items": _recent(stories, request.user),
            "search_url": _search_url(stories),
        },
    )
