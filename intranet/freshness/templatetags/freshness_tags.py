"""What a story page says about its freshness: who answers for it, when it was
last confirmed, and a banner when it is archived."""

from django import template
from wagtail.models import Page

register = template.Library()


@register.inclusion_tag("freshness/includes/story_freshness.html", takes_context=True)
def story_freshness(context, page: Page) -> dict:
    request = context.get("request")
    is_preview = getattr(request, "is_preview", False)
    return {
        "page": page,
        "responsible": getattr(page, "owner", None) if page.owner_id else None,
        "is_news": getattr(page, "search_content_type", "") == "news",
        # The link to answer is for those who may; the page itself says so.
        "can_review": bool(context.get("can_edit")) and not is_preview,
    }
