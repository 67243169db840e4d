"""Names of people that link to their profile, wherever a page shows them.

The profile pages belong to an app above core; it answers the `PERSON_URL`
hook (a function of the user returning an address, or "" when there is no page
to show, as for someone who has left). Without an answer the name stays text.
"""

from django import template
from django.contrib.auth.models import AbstractBaseUser
from django.utils.html import format_html
from wagtail import hooks

PERSON_URL = "person_url"

register = template.Library()


@register.simple_tag
def person_url(user: AbstractBaseUser | None) -> str:
    if user is None:
        return ""
    for answer in hooks.get_hooks(PERSON_URL):
        url = answer(user)
        if url:
            return url
    return ""


@register.simple_tag
def person_name(user: AbstractBaseUser | None) -> str:
    """The person's name, a link to their profile when they have one.

    Written in Python rather than through a template: lists name many people
    (the owners on every case card, the author of every comment)."""
    name = (user.get_full_name() or user.get_username()) if user else ""
    url = person_url(user)
    return format_html('<a href="{}">{}</a>', url, name) if url else name
