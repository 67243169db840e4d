"""The internal showcase "Vi viser det": positioning examples for colleagues."""

import dataclasses

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model
from wagtail.models import Page

from intranet.core.filters import UnitFilterField
from search import selectors as search_selectors
from search.query import THEMES, SearchQuery
from search.searchable import story_content_types


@require_safe
def showcase(request: HttpRequest) -> HttpResponse:
    """Stories with a positioning theme, filtered by theme, unit and period.

    Built on the same SearchQuery and engine as /sok/, so a link here and a
    search with the same parameters find the same stories.
    """
    parsed, notices = SearchQuery.parse(request.GET)
    labels = search_selectors.facet_labels()
    parsed, unknown = search_selectors.known_values(parsed, labels)
    notices += unknown
    query = SearchQuery(
        # Every kind of story, as the registered models say.
        types=story_content_types(),
        # No theme chosen means either theme: only positioning stories show.
        themes=parsed.themes or THEMES,
        units=parsed.units,
        date_from=parsed.date_from,
        date_to=parsed.date_to,
        sort="newest",
        page=parsed.page,
    )
    results, engine_notices = search_selectors.search_run(
        query=query, user=request.user
    )
    notices += engine_notices
    pages = {
        page.pk: page
        for page in Page.objects.filter(
            pk__in=[hit.document.id for hit in results.hits]
        ).specific()
    }
    # Each story's picture, with its renditions, in two queries.
    images = (
        get_image_model()
        .objects.prefetch_renditions()
        .in_bulk([image for page in pages.values() if (image := _picture_id(page))])
    )
    examples = [
        {
            "document": hit.document,
            "page": page,
            "image": images.get(_picture_id(page)),
        }
        for hit in results.hits
        if (page := pages.get(hit.document.id))
    ]
    chosen = dataclasses.replace(query, themes=parsed.themes, page=1)
    return render(
        request,
        "promotion/showcase.html",
        {
            "query": chosen,
            "results": results,
            "examples": examples,
            "notices": notices,
            "themes": THEMES,
            "labels": labels,
            "units": [
                (str(value), label)
                for value, label in UnitFilterField().choices
                if value
            ],
            "previous_url": "?" + chosen.with_page(query.page - 1).urlencode()
            if results.has_previous
            else "",
            "next_url": "?" + chosen.with_page(query.page + 1).urlencode()
            if results.has_next
            else "",
        },
    )


def _picture_id(page: Page) -> int | None:
    """The story's main picture, for the kinds of story that have one."""
    return getattr(page, "hero_image_id", None)
