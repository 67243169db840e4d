from django import template
from django.utils import timezone

from intranet.reach import selectors

register = template.Library()


@register.inclusion_tag("reach/includes/must_read_box.html", takes_context=True)
def must_read_box(context, page) -> dict:
    """On a must-read story: "Jeg har lest" for a person in its audience who has
    not confirmed it, the day they did for one who has, and the link to its
    completion for those who may see it. Nothing on other stories or in
    previews."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if (
        user is None
        or not user.is_authenticated
        or getattr(request, "is_preview", False)
        or not page.pk
        or not selectors.is_must_read(page)
    ):
        return {"show": False}
    asked = selectors.in_audience(user=user, page=page)
    access = selectors.completion_access(user=user, page=page)
    if not asked and not access.any:
        return {"show": False}
    return {
        "show": True,
        "page": page,
        "asked": asked,
        "acknowledgement": selectors.acknowledgement_of(user=user, page=page)
        if asked
        else None,
        "overdue": page.must_read_until < timezone.localdate(),
        "can_see_completion": access.any,
        "csrf_token": context.get("csrf_token"),
    }
