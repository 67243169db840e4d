"""The page head and the notice that make the intranet installable and readable
offline (see intranet.offline.policy). Both ask the request whether someone is
logged in, not the template's `user`: the offline page is rendered without the
person, but it still registers the worker and lists the stored pages."""

from django import template

from intranet.offline.views import THEME_COLOUR

register = template.Library()


def _logged_in(context: template.Context) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


@register.inclusion_tag("offline/includes/head.html", takes_context=True)
def offline_head(context: template.Context) -> dict:
    """The manifest, the icons, the theme colour and, for a logged-in person,
    offline.js."""
    return {"logged_in": _logged_in(context), "theme_colour": THEME_COLOUR}


@register.inclusion_tag("offline/includes/notice.html", takes_context=True)
def offline_notice(context: template.Context) -> dict:
    """«Du er frakoblet», hidden: the worker shows it in a stored copy."""
    return {"logged_in": _logged_in(context)}
