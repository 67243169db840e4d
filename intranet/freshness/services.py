"""Writes for freshness: ask owners about quiet cases and old pages, and record
their answers (confirmed, archived, restored, case completed).

An answer changes one field of a live page (`last_confirmed_at`, `archived_at`
or a case's `status`). It goes through Wagtail as a new revision of the *live*
content with that field set, published by the person who answered
(`_publish_live_with`): the page's history shows who did it and when, search,
caches and feeds hear of it as of any publish, and a later publish of an older
draft cannot silently undo it, because a draft waiting on the page is saved
again on top with the same field set. The person's right to answer is checked
before (`may_answer`, `may_complete`); Wagtail's own publish check is skipped
for confirm/archive, as the revision changes no content a reader sees but the
marker.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from cases.models import CasePage, CaseStatus
from intranet.freshness import selectors
from intranet.subscriptions.models import NotificationKind
from intranet.subscriptions.services import PersonalMessage, notifications_send_many


def may_answer(*, page: Page, user: AbstractBaseUser) -> bool:
    """Whoever may edit the page may confirm, archive or restore it."""
    return page.permissions_for_user(user).can_edit()


def may_complete(*, case: CasePage, user: AbstractBaseUser) -> bool:
    """Completing a case publishes it: whoever may edit and publish it."""
    perms = case.permissions_for_user(user)
    return perms.can_edit() and perms.can_publish()


@transaction.atomic
def _publish_live_with(page: Page, *, user: AbstractBaseUser, **fields) -> Page:
    """Publish the page's live content again with `fields` set, as `user`.

    Returns the page as now published. A waiting draft stays the latest
    revision (with the same fields set), so the editor opens it as before.
    """
    live = type(page).objects.select_for_update().get(pk=page.pk)
    draft = live.latest_revision if live.has_unpublished_changes else None
    for name, value in fields.items():
        setattr(live, name, value)
    # The publish indexes the references of what it publishes.
    with disable_reference_index_auto_update():
        revision = live.save_revision(user=user, clean=False)
    revision.publish(user=user, skip_permission_checks=True)
    if draft is not None:
        waiting = draft.as_object()
        for name, value in fields.items():
            setattr(waiting, name, value)
        with disable_reference_index_auto_update():
            waiting.save_revision(user=draft.user, clean=False)
    return type(page).objects.get(pk=page.pk)


def story_confirm(*, page: Page, user: AbstractBaseUser) -> Page:
    """The page is still correct: `last_confirmed_at` is now."""
    return _publish_live_with(page, user=user, last_confirmed_at=timezone.now())


def story_archive(*, page: Page, user: AbstractBaseUser) -> Page:
    """The page is out of date: it leaves the lists and feeds, stays findable."""
    return _publish_live_with(page, user=user, archived_at=timezone.now())


def story_restore(*, page: Page, user: AbstractBaseUser) -> Page:
    """Undo an archive."""
    return _publish_live_with(page, user=user, archived_at=None)


def case_complete(*, case: CasePage, user: AbstractBaseUser) -> CasePage:
    """Mark the case completed (its owners are not asked about it again)."""
    return _publish_live_with(case, user=user, status=CaseStatus.COMPLETED)


# The nightly job ----------------------------------------------------------------


def _date_text(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localdate(value), "j. F Y")


def case_nudge_key(*, case_id: int, last_activity_at: datetime.datetime) -> str:
    """Once per case and last activity: a new update re-arms the nudge."""
    return f"freshness:case:{case_id}:{timezone.localdate(last_activity_at)}"


def review_key(*, page_id: int, reviewed: datetime.datetime) -> str:
    """Once per page and last publication or confirmation."""
    return f"freshness:page:{page_id}:{timezone.localdate(reviewed)}"


def case_nudges_send(*, now: datetime.datetime) -> int:
    """Tell the owners of every stale case, once per quiet spell; returns how
    many notifications were queued."""
    with translation.override(settings.LANGUAGE_CODE):
        messages = [
            PersonalMessage(
                user_ids=nudge.owner_ids,
                key=case_nudge_key(
                    case_id=nudge.case_id, last_activity_at=nudge.last_activity_at
                ),
                title=_("No update on “%(title)s” since %(date)s")
                % {"title": nudge.title, "date": _date_text(nudge.last_activity_at)},
                url=reverse("freshness:case", args=(nudge.case_id,)),
                intro=_(
                    "Colleagues follow the case. Write a short update, or mark "
                    "the case as completed if it is done."
                ),
                page_id=nudge.case_id,
            )
            for nudge in selectors.case_nudges(now=now)
            if nudge.owner_ids
        ]
    return notifications_send_many(kind=NotificationKind.FRESHNESS, messages=messages)


def review_requests_send(*, now: datetime.datetime) -> int:
    """Ask the owner of every page due for review "Er dette fortsatt riktig?",
    once per publication or confirmation; returns how many were queued."""
    with translation.override(settings.LANGUAGE_CODE):
        messages = [
            PersonalMessage(
                user_ids=(request.owner_id,),
                key=review_key(page_id=request.page_id, reviewed=request.reviewed),
                title=_("Is this still correct? “%(title)s”")
                % {"title": request.title},
                url=reverse("freshness:review", args=(request.page_id,)),
                intro=_(
                    "Last published or confirmed %(date)s. Confirm that it is "
                    "still correct, or archive it."
                )
                % {"date": _date_text(request.reviewed)},
                page_id=request.page_id,
            )
            for request in selectors.review_requests(now=now)
            if request.owner_id
        ]
    return notifications_send_many(kind=NotificationKind.FRESHNESS, messages=messages)
