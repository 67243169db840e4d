from django import template

from intranet.notices import selectors

register = template.Library()


@register.inclusion_tag("notices/includes/alerts.html", takes_context=True)
def site_alerts(context) -> dict:
    """The alerts showing now that the person has not put away."""
    request = context.get("request")
    if request is None or not getattr(request, "user", None):
        return {"alerts": []}
    if not request.user.is_authenticated:
        return {"alerts": []}
    return {
        "alerts": selectors.alerts_for(session=getattr(request, "session", None)),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
