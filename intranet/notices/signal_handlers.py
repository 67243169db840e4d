from django.db import transaction

from cases.models import UnitReviewTask
from intranet.notices import services


def alert_saved_or_deleted(sender, instance, **kwargs) -> None:
    services.alert_changed(alert=instance)


def _is_case_review(task_state) -> bool:
    return isinstance(task_state.task.specific, UnitReviewTask)


def review_task_submitted(sender, instance, user=None, **kwargs) -> None:
    if _is_case_review(instance):
        services.review_requested(task_state=instance, user=user)


def review_task_answered(sender, instance, user=None, **kwargs) -> None:
    if _is_case_review(instance):
        # After the commit: an approval publishes within the same transaction.
        transaction.on_commit(
            lambda: services.review_answered(task_state=instance, user=user)
        )
