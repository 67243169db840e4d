from django import template

from intranet.insights import selectors

register = template.Library()


@register.inclusion_tag("insights/includes/story_reach.html", takes_context=True)
def story_reach(context, page) -> dict:
    """'Read by N colleagues today / M in total', for the story's owners and
    the communication team only."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not selectors.can_see_reach(user=user, page=page):
        return {"reach": None}
    return {"reach": selectors.story_reach(page_id=page.pk)}


@register.inclusion_tag("insights/includes/pulse_banner.html", takes_context=True)
def pulse_banner(context) -> dict:
    """The open pulse survey the person has not answered or put away."""
    request = context.get("request")
    if (
        request is None
        or not hasattr(request, "user")
        or request.path.startswith("/puls/")  # already on the survey
    ):
        return {"survey": None}
    survey = selectors.pulse_survey_for_banner(
        user=request.user, session=request.session
    )
    return {
        "survey": survey,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
