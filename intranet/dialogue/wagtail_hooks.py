from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from intranet.core.roles import (
    COMMUNICATION,
    EDITORS,
    REGISTER_ROLE_RIGHTS,
    Right,
    model_rights,
)
from intranet.dialogue import admin_views, rules


@hooks.register("register_log_actions")
def register_dialogue_log_actions(actions) -> None:
    actions.register_action(
        "dialogue.comment.hide", _("Hide comment"), _("Comment hidden")
    )
    actions.register_action(
        "dialogue.comment.unhide", _("Show comment"), _("Comment shown again")
    )
    actions.register_action(
        "dialogue.comment.report", _("Report comment"), _("Comment reported")
    )
    actions.register_action(
        "dialogue.comment.dismiss", _("Dismiss report"), _("Report dismissed")
    )
    actions.register_action(
        "dialogue.comments.close", _("Turn comments off"), _("Comments turned off")
    )
    actions.register_action(
        "dialogue.comments.open", _("Turn comments on"), _("Comments turned on")
    )


@hooks.register("register_admin_urls")
def register_dialogue_urls():
    patterns = [
        path("", admin_views.queue, name="queue"),
        path("<int:pk>/", admin_views.act, name="act"),
    ]
    return [
        path(
            "kommentarer/",
            include((patterns, "dialogue_admin"), namespace="dialogue_admin"),
        )
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return rules.is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return ModeratorMenuItem(
        _("Comments to moderate"),
        reverse("dialogue_admin:queue"),
        icon_name="comment",
        order=260,
    )


@hooks.register(REGISTER_ROLE_RIGHTS)
def dialogue_role_rights() -> list[Right]:
    """The moderators (editors and the communication team) moderate comments,
    so their actions show in the admin's history reports."""
    return [
        *model_rights(EDITORS, "dialogue.moderate_comment"),
        *model_rights(COMMUNICATION, "dialogue.moderate_comment"),
    ]
