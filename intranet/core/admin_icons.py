"""Wagtail's admin icons, each rendered once per process.

Every icon in the admin is Wagtail's ``{% icon %}`` inclusion tag, which
renders ``wagtailadmin/shared/icon.html`` (an SVG reference and, with a
title, a hidden label) anew each time. The explorer of a case list shows
about 240 of them per page (a dozen on each of its twenty rows), about 10 ms
of the page. What the template makes depends only on the tag's arguments, so
`icon` renders Wagtail's own template once per set of arguments and keeps
the result (a label is kept as the text it was in the language it was shown
in, escaped as the template escapes it).

`install()` (from the app's ``ready``) puts it in Wagtail's own tag library
under Wagtail's name, as `admin_sidebar` does.
"""

from functools import lru_cache

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from wagtail.admin.templatetags import wagtailadmin_tags as wagtail_tags

TEMPLATE = "wagtailadmin/shared/icon.html"


@lru_cache(maxsize=1024)
def _rendered(name: str, classname: str | None, title: str | None, wrapped: bool):
    return render_to_string(
        TEMPLATE,
        wagtail_tags.icon(name=name, classname=classname, title=title, wrapped=wrapped),
    )


def icon(name=None, classname=None, title=None, wrapped=False) -> SafeString:
    """Wagtail's icon tag, its output kept per set of arguments."""
    if not name:
        return wagtail_tags.icon(name=name)  # Wagtail's own error
    return _rendered(
        str(name),
        None if classname is None else str(classname),
        None if title is None else str(title),
        bool(wrapped),
    )


def install() -> None:
    """Render `icon` in place of Wagtail's inclusion tag of that name."""
    wagtail_tags.register.simple_tag(icon, name="icon")
