"""``{% comments page %}`` under a story; on a listing,
``{% dialogue_counts_for pages as counts %}`` once and then
``{% story_counts counts page.pk %}`` on each card.

The comment area plugs into story pages and listings through these tags, so
the page models know nothing of it."""

from django import template

from intranet.dialogue import selectors

register = template.Library()


@register.inclusion_tag("dialogue/comments.html", takes_context=True)
def comments(context, page) -> dict:
    request = context.get("request")
    # A preview may be of a page that is not saved yet: nothing to show.
    if request is None or getattr(request, "is_preview", False) or not page.pk:
        return {"area": None}
    return {
        "area": selectors.comment_area(
            page=page, user=request.user, show_all=selectors.shows_all(request)
        ),
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }


@register.inclusion_tag("dialogue/story_counts.html")
def story_counts(counts, page_id) -> dict:
    found = counts.get(page_id) if counts else None
    return {"counts": found}


@register.simple_tag
def dialogue_counts_for(pages) -> dict:
    """Comment and reaction counts for the listed pages, in two queries."""
    return selectors.counts_for(page.pk for page in pages)
