from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cases.selectors import sees_communication_overview


class TeamMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return sees_communication_overview(user=request.user)


@hooks.register("register_admin_menu_item")
def register_overdue_menu_item() -> MenuItem:
    """The communication team finds the overview of what is overdue here."""
    return TeamMenuItem(
        _("Overdue content"), reverse("freshness:overview"), icon_name="time", order=265
    )
