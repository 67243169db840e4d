from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from intranet.core.sections import Region, Section
from intranet.reach import selectors


def _must_read(request: HttpRequest) -> dict:
    today = timezone.localdate()
    return {
        "must_read": selectors.must_read_for(user=request.user, today=today),
        "today": today,
    }


@hooks.register("front_page_sections")
def must_read_section() -> Section:
    # Above the pinned news (order 10), and per person: never cached.
    return Section(
        name="must-read",
        template="reach/home/must_read.html",
        context=_must_read,
        region=Region.TOP,
        order=5,
        cached=False,
    )


class OverviewMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return selectors.may_see_overview(request.user)


@hooks.register("register_admin_menu_item")
def register_must_read_menu_item() -> MenuItem:
    """The communication team and the editors find the current must-read
    stories and their completion here."""
    return OverviewMenuItem(
        _("Must-read stories"), reverse("reach:overview"), icon_name="tasks", order=266
    )
