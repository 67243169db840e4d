"""Reads about the email outbox: what is owed, since when, what was given up.

An email is *owed* when it should have gone out and has not: an immediate
notification not yet accepted by the mail server, or a digest item whose
digest was due and failed. Digest items waiting for their scheduled digest
are not owed. Its age counts from when it was due (created, or the digest's
first failure). Given-up emails are not owed; they are listed separately.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from intranet.subscriptions.models import Delivery, Notification

# Given-up emails are shown to administrators for this long.
GIVEN_UP_SHOWN_FOR = datetime.timedelta(days=7)


@dataclass(frozen=True)
class OutboxStatus:
    backlog: int  # emails owed now
    oldest_due_at: datetime.datetime | None  # when the longest-owed one was due
    given_up: int  # emails given up within GIVEN_UP_SHOWN_FOR

    def oldest_age(self, *, now: datetime.datetime) -> datetime.timedelta | None:
        return None if self.oldest_due_at is None else now - self.oldest_due_at


def outbox_status(*, now: datetime.datetime | None = None) -> OutboxStatus:
    """The outbox in one query over the unsent rows (the outbox index)."""
    now = now or timezone.now()
    immediate = Q(delivery=Delivery.IMMEDIATE, given_up_at__isnull=True)
    failed_digest = Q(
        delivery__in=[Delivery.DAILY, Delivery.WEEKLY],
        attempts__gt=0,
        given_up_at__isnull=True,
    )
    totals = Notification.objects.filter(
        delivery__in=[Delivery.IMMEDIATE, Delivery.DAILY, Delivery.WEEKLY],
        emailed_at__isnull=True,
    ).aggregate(
        backlog=Count("pk", filter=immediate | failed_digest),
        immediate_since=Min("created_at", filter=immediate),
        digest_since=Min("first_failed_at", filter=failed_digest),
        given_up=Count("pk", filter=Q(given_up_at__gte=now - GIVEN_UP_SHOWN_FOR)),
    )
    due = [
        moment
        for moment in (totals["immediate_since"], totals["digest_since"])
        if moment is not None
    ]
    return OutboxStatus(
        backlog=totals["backlog"],
        oldest_due_at=min(due) if due else None,
        given_up=totals["given_up"],
    )


def notifications_given_up(
    *, now: datetime.datetime | None = None, limit: int = 20
) -> QuerySet[Notification]:
    """The most recently given-up emails, with their recipients."""
    now = now or timezone.now()
    return (
        Notification.objects.filter(
            emailed_at__isnull=True, given_up_at__gte=now - GIVEN_UP_SHOWN_FOR
        )
        .select_related("user")
        .order_by("-given_up_at", "-pk")[:limit]
    )
