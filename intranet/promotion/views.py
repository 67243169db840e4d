"""The internal showcase "Vi viser det": positioning examples for colleagues,
and the sharing page ("Del") of each story whose external version is public."""

import dataclasses

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model
from wagtail.models import Page

from intranet.core.filters import UnitFilterField
from intranet.promotion import public, selectors
from intranet.promotion.models import SHARE_RULES, ShareChannel
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
    shareable = selectors.shareable_promotions_for_pages(list(pages))
    for example in examples:
        if promotion_id := shareable.get(example["page"].pk):
            example["share_url"] = reverse("promotion:share", args=[promotion_id])
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


@require_safe
def share(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Del": a story's external title and image, and per channel the team's
    suggested text and the link to share, which counts clicks (never who).

    For every colleague, while the external version is public; a story behind
    a view restriction is never shareable (its external version never leaves).
    """
    promotion = selectors.shareable_promotion(pk=pk)
    if promotion is None:
        raise Http404(_("This story cannot be shared."))
    texts = selectors.share_texts(promotion=promotion)
    channels = [
        {
            "value": channel.value,
            "label": channel.label,
            "limit": SHARE_RULES[channel].limit,
            "text": texts.get(channel.value, ""),
            "link": public.share_link_url(request, promotion, channel.value),
            "target": public.share_target_url(request, promotion, channel.value),
        }
        for channel in ShareChannel
    ]
    return render(
        request,
        "promotion/share.html",
        {
            "promotion": promotion,
            "channels": channels,
            "image_url": public.public_image_url(request, promotion),
        },
    )
