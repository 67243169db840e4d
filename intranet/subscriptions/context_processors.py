from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from intranet.subscriptions.selectors import unread_notification_count


def notifications(request: HttpRequest) -> dict:
    """``unread_notifications``: counted only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: unread_notification_count(user=user)
        )
    }
