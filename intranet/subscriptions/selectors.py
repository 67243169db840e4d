"""Reads for the inbox, the unread badge, the front page's "For deg" section
and the personal Atom feed.

A notification is shown only while the person may still see what it points
at: its page is live and no view restriction on the page or its ancestors keeps
them out. Group memberships and restrictions change after a notification was
made (someone leaves the group, a restriction loses its last group), so this is
checked on every read, in the same query.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from intranet.core.models import Topic
from intranet.core.page_access import visible_to
from intranet.subscriptions.models import Notification, SubscriptionFilter

FOR_YOU_SIZE = 5


def notifications_for(*, user: AbstractBaseUser) -> QuerySet[Notification]:
    """The person's notifications they may still see, newest first: personal
    ones without a page, and those whose page is live and visible to them."""
    return Notification.objects.filter(user=user).filter(
        Q(page__isnull=True) | visible_to(user, prefix="page__")
    )


def unread_notification_count(*, user: AbstractBaseUser) -> int:
    """How many notifications the person has not read (one COUNT, after the
    restrictions that keep the person out). Shown on every page: most people
    have read everything, and then the restrictions are not read at all."""
    if not user.is_authenticated:
        return 0
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if not unread.exists():
        return 0
    return notifications_for(user=user).filter(read_at__isnull=True).count()


def for_you(*, user: AbstractBaseUser) -> dict | None:
    """The newest items the person's subscriptions found (one query, after the
    restrictions that keep the person out)."""
    if not user.is_authenticated:
        return None
    items = list(
        notifications_for(user=user).select_related("subscription")[:FOR_YOU_SIZE]
    )
    return {"items": items}


def topics_followed_by(*, user: AbstractBaseUser) -> QuerySet[Topic]:
    """The topics named in the person's active subscriptions, by name."""
    slugs = SubscriptionFilter.objects.filter(
        kind="topic", subscription__user=user, subscription__paused=False
    ).values("value")
    return Topic.objects.filter(slug__in=slugs).order_by("name")
