"""Wagtail's user bar only for the people who may edit the page they are on, and
for them only when they ask for it.

Everyone here may open the admin (to publish about their own work), so
Wagtail's own `{% wagtailuserbar %}` would send its scripts and styles (about
1.2 MB before compression) with every page to everyone. Here a person who may edit
the page gets two links instead: to edit it in the admin, and to the same page
with the user bar (`?verktoy=1`, for its accessibility checker and the admin's
other shortcuts). Everyone else gets neither. The admin's preview always has the
user bar (its accessibility checks live in it).
"""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.admin.templatetags.wagtailuserbar import get_page_instance, wagtailuserbar

register = template.Library()

# The query parameter that asks for the user bar.
USERBAR_PARAMETER = "verktoy"


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
    if request.GET.get(USERBAR_PARAMETER):
        return wagtailuserbar(context)
    query = request.GET.copy()
    query[USERBAR_PARAMETER] = "1"
    return render_to_string(
        "core/includes/editor_links.html",
        {
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
            "userbar_url": f"{request.path}?{query.urlencode()}",
        },
        request=request,
    )


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
