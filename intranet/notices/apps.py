from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.signals import task_approved, task_rejected, task_submitted


class NoticesConfig(AppConfig):
    name = "intranet.notices"
    label = "notices"
    verbose_name = _("Alerts and page feedback")

    def ready(self) -> None:
        from intranet.notices import signal_handlers
        from intranet.notices.models import Alert

        # Admin edits, deletes (one or in bulk) and code alike: pages show it at once.
        post_save.connect(
            signal_handlers.alert_saved_or_deleted,
            sender=Alert,
            dispatch_uid="notices_alert_saved",
        )
        post_delete.connect(
            signal_handlers.alert_saved_or_deleted,
            sender=Alert,
            dispatch_uid="notices_alert_deleted",
        )
        # Case updates waiting for approval (`cases.review`): tell the
        # reviewers, then the author.
        task_submitted.connect(
            signal_handlers.review_task_submitted,
            dispatch_uid="notices_review_submitted",
        )
        for signal, uid in ((task_approved, "approved"), (task_rejected, "rejected")):
            signal.connect(
                signal_handlers.review_task_answered,
                dispatch_uid=f"notices_review_{uid}",
            )
