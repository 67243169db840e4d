"""Alerts as a snippet, and the feedback overview, in the Wagtail admin: the
communication team's (through the role table) and superusers' only."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from intranet.core.roles import COMMUNICATION, REGISTER_ROLE_RIGHTS, Right, model_rights
from intranet.notices import admin_views
from intranet.notices.models import Alert


class AlertViewSet(SnippetViewSet):
    model = Alert
    icon = "warning"
    menu_label = _("Alerts")
    menu_name = "alerts"
    menu_order = 270
    add_to_admin_menu = True
    list_display = [
        "message",
        Column("level", label=_("Level"), accessor="get_level_display"),
        "starts_at",
        "ends_at",
        Column("status", label=_("Status"), accessor="status_label"),
    ]
    list_filter = ["level"]
    ordering = ["-starts_at", "-pk"]
    list_per_page = 50
    search_fields = ["message"]
    search_backend_name = None
    inspect_view_enabled = False
    copy_view_enabled = True


register_snippet(AlertViewSet)


@hooks.register("register_admin_urls")
def register_feedback_urls():
    patterns = [
        path("", admin_views.overview, name="overview"),
        path("<int:pk>/status/", admin_views.set_status, name="status"),
    ]
    return [
        path(
            "tilbakemeldinger/",
            include((patterns, "notices_admin"), namespace="notices_admin"),
        )
    ]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return admin_views.may_review(request.user)


@hooks.register("register_admin_menu_item")
def register_feedback_menu_item():
    return FeedbackMenuItem(
        _("Page feedback"),
        reverse("notices_admin:overview"),
        icon_name="mail",
        order=275,
    )


@hooks.register(REGISTER_ROLE_RIGHTS)
def notices_role_rights() -> list[Right]:
    """The communication team keeps the alerts and reads and handles the
    feedback on pages."""
    return model_rights(
        COMMUNICATION,
        "notices.add_alert",
        "notices.change_alert",
        "notices.delete_alert",
        "notices.view_alert",
        "notices.view_pagefeedback",
        "notices.change_pagefeedback",
    )
