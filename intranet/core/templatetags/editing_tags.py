"""Wagtail's user bar only for the people who may edit the page they are on.

Everyone here may open the admin (to publish about their own work), so
Wagtail's own `{% wagtailuserbar %}` would send its scripts and styles with
every page to everyone. Here it is shown only on a page the person may edit,
and always in the admin's preview (whose accessibility checks live in it).
"""

from django import template
from wagtail.admin.templatetags.wagtailuserbar import get_page_instance, wagtailuserbar

register = template.Library()


@register.simple_tag(takes_context=True)
def editor_userbar(context: template.Context) -> str:
    request = context.get("request")
    if request is None:
        return ""
    if getattr(request, "is_preview", False):
        return wagtailuserbar(context)
    user = getattr(request, "user", None)
    page = get_page_instance(context)
    if page is None or user is None or not user.is_authenticated:
        return ""
    if not _may_edit(page, user):
        return ""
    return wagtailuserbar(context)


def _may_edit(page, user) -> bool:
    """Whether the person's page permissions let them edit the page: "change"
    on it, or "add" and they own it (Wagtail's rule). Wagtail's own `can_edit`
    also asks the page's workflow, one more query on every page for everyone;
    a reviewer in a workflow reviews from the admin, not from here."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    actions = page.permissions_for_user(user).permissions
    return "change" in actions or ("add" in actions and page.owner_id == user.pk)
