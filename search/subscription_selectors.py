"""Reads for the inbox badge and the front page's "For deg" section."""

from django.contrib.auth.models import AbstractBaseUser

from search.subscriptions import Notification

FOR_YOU_SIZE = 5


def unread_notification_count(*, user: AbstractBaseUser) -> int:
    """How many notifications the person has not read (one COUNT)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def for_you(*, user: AbstractBaseUser) -> dict | None:
    """The newest items the person's subscriptions found (one query)."""
    if not user.is_authenticated:
        return None
    items = list(
        Notification.objects.filter(user=user).select_related("subscription")[
            :FOR_YOU_SIZE
        ]
    )
    return {"template": "search/home/for_you.html", "items": items}
