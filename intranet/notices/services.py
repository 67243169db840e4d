"""Writes for alerts and page feedback.

A saved or deleted alert moves the content version on, so every page shows
the change at once. Feedback is stored once per person, address and text in a
short window (a double click is not two feedbacks), and its page's owners who
may see the page are told through the outbox, once per feedback.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page, TaskState

from cases.review import reviewers
from intranet.core.services import content_version_bump
from intranet.notices import selectors
from intranet.notices.models import ALERTS_SCOPE, Alert, FeedbackStatus, PageFeedback
from intranet.subscriptions.models import NotificationKind
from intranet.subscriptions.services import notifications_send

#: The same text about the same page within this long is a double submit.
DUPLICATE_WINDOW = datetime.timedelta(minutes=10)
#: How much of the feedback a notification repeats.
INTRO_WORDS = 60
#: How many put-away alerts a session remembers (the oldest are forgotten).
DISMISSED_KEPT = 50


def alert_changed(*, alert: Alert | None = None) -> None:
    """An alert was saved or deleted: pages show the change at once. The
    cached list is cleared now and again after the commit, so a request that
    read the old rows meanwhile cannot keep them in the cache."""
    cache.delete(selectors.ALERTS_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(selectors.ALERTS_CACHE_KEY))
    content_version_bump(scopes=[ALERTS_SCOPE])


def alert_dismiss(*, session, alert: Alert) -> bool:
    """Put an alert away for this person (this session). A critical alert
    cannot be put away: returns False."""
    if not alert.dismissable:
        return False
    dismissed = [
        token
        for token in session.get(selectors.DISMISSED_KEY, [])
        if token != alert.dismiss_token
    ]
    dismissed.append(alert.dismiss_token)
    session[selectors.DISMISSED_KEY] = dismissed[-DISMISSED_KEPT:]
    return True


def _page_unit_id(page: Page | None) -> int | None:
    return getattr(page.specific, "unit_id", None) if page is not None else None


@transaction.atomic
def feedback_submit(
    *,
    user: AbstractBaseUser,
    path: str,
    page: Page | None,
    text: str,
    contact_ok: bool,
) -> tuple[PageFeedback, bool]:
    """Store feedback about ``path`` (``page``: the page there, only if the
    person may see it) and tell the page's owners who may see it.

    Returns the feedback and whether it is new: the same text from the same
    person about the same address within `DUPLICATE_WINDOW` is the one already
    stored, and nobody is told twice.
    """
    # One feedback at a time per person, so two clicks cannot both pass the
    # duplicate check (PostgreSQL locks the row; SQLite writes one at a time).
    get_user_model().objects.select_for_update().filter(pk=user.pk).exists()
    existing = selectors.feedback_duplicate(
        user=user, path=path, text=text, window=DUPLICATE_WINDOW
    )
    if existing is not None:
        return existing, False
    feedback = PageFeedback.objects.create(
        user=user,
        path=path,
        page=page,
        unit_id=_page_unit_id(page),
        text=text,
        contact_ok=contact_ok,
    )
    if page is not None:
        owners = selectors.users_who_can_view(
            page=page, user_ids=selectors.page_owner_ids(page)
        )
        feedback.recipients.set(owners)
        _tell_owners(feedback=feedback, page=page, owners=owners, actor=user)
    return feedback, True


def _tell_owners(*, feedback: PageFeedback, page: Page, owners, actor) -> None:
    """One notification per owner, in the outbox (the owners may all see the
    page, so its title may be named)."""
    if not owners:
        return
    url = reverse("notices:received") + f"#feedback-{feedback.pk}"
    title = _("Feedback on “%(title)s”") % {"title": page.title}
    notifications_send(
        user_ids=[owner.pk for owner in owners],
        kind=NotificationKind.FEEDBACK,
        key=f"feedback:{feedback.pk}",
        title=title,
        url=url,
        intro=Truncator(feedback.text).words(INTRO_WORDS),
        page_id=page.pk,
        actor_id=actor.pk,
    )


def feedback_set_status(*, feedback: PageFeedback, status: str) -> PageFeedback:
    """Mark feedback handled, or back to new."""
    if status not in FeedbackStatus.values:
        raise ValueError(f"unknown status {status!r}")
    feedback.status = status
    feedback.handled_at = timezone.now() if status == FeedbackStatus.HANDLED else None
    feedback.save(update_fields=["status", "handled_at"])
    return feedback


def review_requested(*, task_state: TaskState, user: AbstractBaseUser | None) -> int:
    """A case update was sent for approval: its reviewers (`cases.review`)
    are told, with a link to the editor where they approve or reject it."""
    update = task_state.workflow_state.content_object.specific
    who = reviewers(update=update)
    if not who.users:
        return 0
    if who.fallback:
        title = _(
            "Approve “%(title)s”: the unit leader is no longer here, so the "
            "communication team approves"
        ) % {"title": update.title}
    else:
        title = _("Approve “%(title)s” before it is published") % {
            "title": update.title
        }
    return notifications_send(
        user_ids=[reviewer.pk for reviewer in who.users],
        kind=NotificationKind.REVIEW,
        key=f"review:{task_state.pk}",
        title=title,
        url=reverse("wagtailadmin_pages:edit", args=(update.pk,)),
        intro=update.intro,
        page_id=update.pk,
        actor_id=user.pk if user else None,
    )


def review_answered(*, task_state: TaskState, user: AbstractBaseUser | None) -> int:
    """A reviewer approved (the update is live) or asked for changes (with
    the comment): the person who sent it is told."""
    workflow_state = task_state.workflow_state
    update = workflow_state.content_object.specific
    author_id = workflow_state.requested_by_id
    if author_id is None or (user is not None and user.pk == author_id):
        return 0
    if task_state.status == TaskState.STATUS_APPROVED:
        title = _("“%(title)s” is approved and published") % {"title": update.title}
        url = update.get_url() or reverse("composer:edit", args=(update.pk,))
    else:
        title = _("Changes requested for “%(title)s”") % {"title": update.title}
        url = reverse("composer:edit", args=(update.pk,))
    return notifications_send(
        user_ids=[author_id],
        kind=NotificationKind.REVIEW,
        key=f"review-answer:{task_state.pk}",
        title=title,
        url=url,
        intro=task_state.comment or "",
        page_id=update.pk,
        actor_id=user.pk if user else None,
    )
