"""Writes for must-read stories: telling the audience, reminding it, and a
person's "Jeg har lest".

Announcements and reminders go through the subscriptions outbox
(`notifications_send`), which tells each person about one key once; so the
services may run again (a republish, a second nightly run) without repeating
themselves. Moving the deadline makes a new reminder key, so it re-arms.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Page

from intranet.core.models import story_page_models
from intranet.reach import selectors
from intranet.reach.models import Acknowledgement
from intranet.subscriptions.models import Notification, NotificationKind
from intranet.subscriptions.services import notifications_send, unread_counts_forget

#: Reminders go out this many days before the deadline (or later, if a run
#: was missed, until the deadline has passed).
REMIND_DAYS_BEFORE = 2


class NotInAudience(Exception):
    """The person is not among those who must read the story."""


def announcement_key(page: Page) -> str:
    return f"must-read:{page.pk}"


def reminder_key(page: Page) -> str:
    return f"must-read-reminder:{page.pk}:{page.must_read_until.isoformat()}"


def _deadline(page: Page) -> str:
    return date_format(page.must_read_until, "j. F")


def _unconfirmed_ids(page: Page) -> list[int]:
    return list(
        selectors.audience(page=page)
        .exclude(selectors.read_condition(page))
        .values_list("pk", flat=True)
    )


def mustread_announce(*, page_id: int) -> int:
    """Tell everyone in a must-read story's audience (who has not confirmed it
    already) once, as the story is live now. Returns how many were told."""
    page = Page.objects.filter(pk=page_id, live=True).first()
    page = page.specific if page is not None else None
    if page is None or not selectors.is_must_read(page):
        return 0
    # Stored in the site's language, whoever's request (if any) published it.
    with translation.override(settings.LANGUAGE_CODE):
        return _announce(page)


def _announce(page: Page) -> int:
    return notifications_send(
        user_ids=_unconfirmed_ids(page),
        kind=NotificationKind.MUST_READ,
        key=announcement_key(page),
        title=_("Must read: %(title)s") % {"title": page.title},
        url=page.url or "",
        intro=_("Read it and confirm by %(date)s.") % {"date": _deadline(page)},
        page_id=page.pk,
    )


def mustread_remind(*, today: datetime.date | None = None) -> int:
    """Remind the people who have not confirmed a live must-read story whose
    deadline is at most `REMIND_DAYS_BEFORE` days away and not passed. Once per
    person, story and deadline, however often it runs. Returns how many were
    reminded."""
    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        return _remind(today)


def _remind(today: datetime.date) -> int:
    reminded = 0
    for model in story_page_models():
        due = model.objects.live().filter(
            must_read_until__gte=today,
            must_read_until__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
        )
        for page in due.prefetch_related("must_read_units"):
            reminded += notifications_send(
                user_ids=_unconfirmed_ids(page),
                kind=NotificationKind.MUST_READ,
                key=reminder_key(page),
                title=_("Reminder, must read: %(title)s") % {"title": page.title},
                url=page.url or "",
                intro=_("The deadline to confirm you have read it is %(date)s.")
                % {"date": _deadline(page)},
                page_id=page.pk,
            )
    return reminded


def acknowledgement_create(*, user, page: Page) -> tuple[Acknowledgement, bool]:
    """Record that the person has read the story; a second time keeps the
    first. Their must-read notifications about it are marked read.

    Raises `NotInAudience` for a person the story is not addressed to.
    """
    if not selectors.in_audience(user=user, page=page):
        raise NotInAudience
    try:
        with transaction.atomic():
            acknowledgement, created = Acknowledgement.objects.get_or_create(
                user=user, page_id=page.pk
            )
    except IntegrityError:  # two presses at the same moment
        acknowledgement = Acknowledgement.objects.get(user=user, page_id=page.pk)
        created = False
    Notification.objects.filter(
        user=user,
        page_id=page.pk,
        kind=NotificationKind.MUST_READ,
        read_at__isnull=True,
    ).update(read_at=timezone.now())
    unread_counts_forget(user_ids=[user.pk])
    return acknowledgement, created
