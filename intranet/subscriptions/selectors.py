"""Reads for the inbox, the unread badge, the front page's "For deg" section
and the personal Atom feed.

A notification is shown only while the person may still see what it points
at: its page is live and no view restriction on the page or its ancestors keeps
them out. Group memberships and restrictions change after a notification was
made (someone leaves the group, a restriction loses its last group), so this is
checked on every read, in the same query.
"""

from collections.abc import Callable
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db.models import Q, QuerySet

from intranet.core.models import Topic
from intranet.core.page_access import visible_to
from intranet.core.selectors import content_version
from intranet.subscriptions.models import Notification, SubscriptionFilter

FOR_YOU_SIZE = 5

T = TypeVar("T")


def notifications_for(*, user: AbstractBaseUser) -> QuerySet[Notification]:
    """The person's notifications they may still see, newest first: personal
    ones without a page, and those whose page is live and visible to them."""
    return Notification.objects.filter(user=user).filter(
        Q(page__isnull=True) | visible_to(user, prefix="page__")
    )


#: How long the header's unread count is kept for a person at most: it is
#: forgotten when they get or read a notification, and every publish, move or
#: restriction change (the content version) makes it counted again.
UNREAD_CACHE_SECONDS = 120


def unread_count_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def for_you_key(user_id: int) -> str:
    return f"notifications:for-you:{user_id}"


def notification_keys(user_id: int) -> list[str]:
    """What is kept of the person's notifications (`_kept_for_person`)."""
    return [unread_count_key(user_id), for_you_key(user_id)]


def _kept_for_person(key: str, read: Callable[[], T]) -> T:
    """``read()``, kept in the cache with the content version it was read at:
    read again after every publish, move or restriction change, and when the
    person gets or reads a notification (`services.unread_counts_forget`)."""
    version = content_version()
    cached = cache.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    value = read()
    cache.set(key, (version, value), UNREAD_CACHE_SECONDS)
    return value


def unread_notification_count(*, user: AbstractBaseUser) -> int:
    """How many notifications the person has not read, after the restrictions
    that keep the person out. Shown on every page, so it is kept; counting
    reads up to three queries (most people have read everything, and then no
    restriction is read)."""
    if not user.is_authenticated:
        return 0

    def count() -> int:
        unread = Notification.objects.filter(user=user, read_at__isnull=True)
        if not unread.exists():
            return 0
        return notifications_for(user=user).filter(read_at__isnull=True).count()

    return _kept_for_person(unread_count_key(user.pk), count)


def for_you(*, user: AbstractBaseUser) -> dict | None:
    """The newest items the person's subscriptions found (one query, after the
    restrictions that keep the person out), kept as the unread count is: the
    front page shows them at every visit."""
    if not user.is_authenticated:
        return None
    items = _kept_for_person(
        for_you_key(user.pk),
        lambda: list(
            notifications_for(user=user).select_related("subscription")[:FOR_YOU_SIZE]
        ),
    )
    return {"items": items}


def topics_followed_by(*, user: AbstractBaseUser) -> QuerySet[Topic]:
    """The topics named in the person's active subscriptions, by name."""
    slugs = SubscriptionFilter.objects.filter(
        kind="topic", subscription__user=user, subscription__paused=False
    ).values("value")
    return Topic.objects.filter(slug__in=slugs).order_by("name")
