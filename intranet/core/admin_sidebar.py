"""Wagtail's admin template tags, with the sidebar kept per person.

Every admin page builds the sidebar's menu (`sidebar_props`): each menu
item asks whether the person may see it, and the whole is packed for the
sidebar's JavaScript, about 15 ms a page for the communication team. It is
the same on every page a person opens (the sidebar marks the current item
itself), so it is kept, keyed on all it depends on: the person, their name
and avatar (shown in the account menu), the "new" marks they dismissed,
whether they are a superuser or staff, their groups, the language, and the
content version of the "admin-menu" scope, which a change of a group's
rights, page or collection permissions or a person's own rights moves in its
transaction, for every process (`core.signal_handlers`), and every change
that names no scope.

`install()` (from the app's ``ready``) puts it in Wagtail's own tag library
under Wagtail's name, so every admin template that loads
``wagtailadmin_tags`` renders it; Wagtail has no hook for the sidebar.
"""

import time

from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.admin.templatetags import wagtailadmin_tags as wagtail_tags

from intranet.core.models import ADMIN_MENU_SCOPE
from intranet.core.roles import group_names
from intranet.core.selectors import content_key

SIDEBAR_SECONDS = 10 * 60
# A new release (a restarted process) may bring other menu items.
_STARTED = time.time_ns()


def _profile(user) -> tuple:
    """What the menu shows of Wagtail's profile: the avatar, and which of the
    menu's "new" marks (help, the editor guide) the person dismissed."""
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is None:
        return ("", ())
    avatar = profile.avatar.name if profile.avatar else ""
    return (avatar, tuple(sorted((profile.dismissibles or {}).items())))


def sidebar_key(user) -> str:
    return content_key(
        (
            "admin-sidebar",
            _STARTED,
            user.pk,
            user.is_superuser,
            user.is_staff,
            user.get_full_name(),
            # Read by Wagtail's admin on every page already (language, time zone).
            _profile(user),
            get_language(),
            *sorted(group_names(user)),
        ),
        scopes=[ADMIN_MENU_SCOPE],
    )


def sidebar_props(context):
    """Wagtail's sidebar, kept per person (see above)."""
    user = context["request"].user
    if not user.is_authenticated:
        return wagtail_tags.sidebar_props(context)
    return cache.get_or_set(
        sidebar_key(user),
        lambda: wagtail_tags.sidebar_props(context),
        timeout=SIDEBAR_SECONDS,
    )


def install() -> None:
    """Render `sidebar_props` in place of Wagtail's tag of that name (which it
    calls to build what it keeps)."""
    wagtail_tags.register.simple_tag(
        sidebar_props, takes_context=True, name="sidebar_props"
    )
