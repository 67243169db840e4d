"""Writes for the annual communication plan."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page

from cases.models import CaseOwner, CasePage, CasePlannedMeasure
from intranet.core.models import is_story
from intranet.core.roles import COMMUNICATION
from intranet.planning.models import (
    FIRST_YEAR,
    LAST_YEAR,
    ActivitySource,
    ActivityStatus,
    CalendarToken,
    CommunicationActivity,
    new_calendar_token,
)
from intranet.planning.permissions import activity_permission_policy
from intranet.subscriptions.models import NotificationKind
from intranet.subscriptions.services import notifications_send

DEFAULT_REMINDER_DAYS = (7, 1)


class NotAllowed(PermissionError):
    """The person may not change this activity."""


def validate_dates(*, start_date: datetime.date, end_date: datetime.date) -> None:
    """Refuse an end before the start and years no plan is made for."""
    errors = {}
    for name, value in (("start_date", start_date), ("end_date", end_date)):
        if value and not FIRST_YEAR <= value.year <= LAST_YEAR:
            errors[name] = _(
                "Choose a date between the years %(first)d and %(last)d."
            ) % {
                "first": FIRST_YEAR,
                "last": LAST_YEAR,
            }
    if not errors and start_date and end_date and end_date < start_date:
        errors["end_date"] = _("The end date cannot be before the date.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def activity_create(
    *,
    user: AbstractBaseUser | None,
    title: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    owners: Sequence[AbstractBaseUser] = (),
    **fields,
) -> CommunicationActivity:
    """Create an activity in the plan.

    Whoever creates it is responsible for it; the communication team (and the
    demo data, with no user) may name other owners instead.
    """
    policy = activity_permission_policy()
    if user is not None and not policy.user_has_permission(user, "add"):
        raise NotAllowed(_("You may not add activities to the plan."))
    end_date = end_date or start_date
    validate_dates(start_date=start_date, end_date=end_date)
    if user is not None and not policy.manages_all(user):
        owners = [user]
    owners = list(owners) or ([user] if user is not None else [])
    if not owners:
        raise ValueError("An activity needs at least one owner.")
    activity = CommunicationActivity.objects.create(
        title=title,
        start_date=start_date,
        end_date=end_date,
        created_by=user,
        **fields,
    )
    activity.owners.set(owners)
    return activity


def story_check(*, story: Page) -> Page:
    """The story must be a published story (news article, case update, ...)."""
    if not is_story(story):
        raise ValidationError(
            _("Choose a story, such as a news article or a case update.")
        )
    if not story.live:
        raise ValidationError(_("The story must be published."))
    return story


@transaction.atomic
def activity_mark_done(
    *,
    activity: CommunicationActivity,
    story: Page,
    user: AbstractBaseUser | None,
) -> CommunicationActivity:
    """Mark the activity done by linking the published story that fulfilled it."""
    if (
        user is not None
        and not activity_permission_policy().user_has_permission_for_instance(
            user, "change", activity
        )
    ):
        raise NotAllowed(
            _("Only those responsible and the communication team may do this.")
        )
    story_check(story=story)
    activity.story = story
    activity.status = ActivityStatus.DONE
    activity.done_at = timezone.now()
    activity.save(update_fields=["story", "status", "done_at", "updated_at"])
    return activity


# Case measures -> activities ---------------------------------------------------


@dataclass(frozen=True)
class SyncResult:
    created: int = 0
    updated: int = 0
    cancelled: int = 0


@transaction.atomic
def activities_sync_from_case(*, case: CasePage) -> SyncResult:
    """Keep one activity per planned measure of a published case.

    Measures keep their primary key while the case is edited, so each activity
    is linked one-to-one to its measure and a re-publish updates it rather than
    adding another. Title, date, channel and audience come from the measure;
    the responsible people are the case's owners. An activity whose measure
    was removed from the case is cancelled (not deleted: the plan keeps a
    record of what was once planned); one already done stays done. The case is
    the source of truth for its measures: an activity cancelled while the case
    was unpublished (or by hand) is planned again when its measure is published.
    """
    owner_ids = list(
        CaseOwner.objects.filter(case=case)
        .order_by("sort_order")
        .values_list("user_id", flat=True)
    )
    created = updated = 0
    for measure in CasePlannedMeasure.objects.filter(case=case).order_by("sort_order"):
        wanted = {
            "title": measure.title,
            "description": measure.description,
            "start_date": measure.planned_date,
            "end_date": measure.planned_date,
            "channels": [measure.channel],
            "audiences": [measure.audience],
            "unit_id": case.unit_id,
            "case_id": case.pk,
        }
        try:
            activity = measure.activity
        except ObjectDoesNotExist:
            activity = CommunicationActivity.objects.create(
                measure=measure, source=ActivitySource.CASE_MEASURE, **wanted
            )
            created += 1
        else:
            if activity.status == ActivityStatus.CANCELLED:
                wanted["status"] = ActivityStatus.PLANNED
            changed = [
                name
                for name, value in wanted.items()
                if getattr(activity, name) != value
            ]
            if changed:
                for name in changed:
                    setattr(activity, name, wanted[name])
                activity.save(update_fields=[*changed, "updated_at"])
                updated += 1
        activity.owners.set(owner_ids)
    cancelled = CommunicationActivity.objects.filter(
        case=case,
        source=ActivitySource.CASE_MEASURE,
        measure__isnull=True,
        status=ActivityStatus.PLANNED,
    ).update(status=ActivityStatus.CANCELLED, updated_at=timezone.now())
    return SyncResult(created=created, updated=updated, cancelled=cancelled)


def activities_page_published(*, page: Page) -> SyncResult | None:
    """A published case brings its planned measures into the plan; one
    scheduled for later does so when it goes live."""
    if not isinstance(page, CasePage) or not page.live:
        return None
    return activities_sync_from_case(case=page)


def activities_case_withdrawn(*, case: CasePage) -> int:
    """A case that is unpublished or deleted no longer plans its measures: their
    activities still planned are cancelled, so nobody is reminded of them. Done
    activities, and activities people planned themselves about the case, stay."""
    return CommunicationActivity.objects.filter(
        case=case,
        source=ActivitySource.CASE_MEASURE,
        status=ActivityStatus.PLANNED,
    ).update(status=ActivityStatus.CANCELLED, updated_at=timezone.now())


# iCal tokens ------------------------------------------------------------------


def calendar_token_get_or_create(*, user: AbstractBaseUser) -> CalendarToken:
    token, _created = CalendarToken.objects.get_or_create(user=user)
    return token


def calendar_token_regenerate(*, user: AbstractBaseUser) -> CalendarToken:
    """A new secret address; the old one stops working at once."""
    token, created = CalendarToken.objects.get_or_create(user=user)
    if not created:
        token.token = new_calendar_token()
        token.created_at = timezone.now()
        token.save(update_fields=["token", "created_at"])
    return token


def calendar_token_revoke(*, user: AbstractBaseUser) -> None:
    CalendarToken.objects.filter(user=user).delete()


# Reminders --------------------------------------------------------------------


def reminder_days() -> tuple[int, ...]:
    """How many days before an activity its owners are reminded."""
    days = getattr(settings, "PLANNING_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)
    return tuple(sorted({int(day) for day in days if int(day) >= 0}, reverse=True))


def _date_text(day: datetime.date) -> str:
    return formats.date_format(day, "l j. F Y")


def activity_reminders_send(
    *, today: datetime.date | None = None, days: Iterable[int] | None = None
) -> int:
    """Remind the owners of planned activities that are N days away.

    Days are counted in local dates (settings.TIME_ZONE), so a change to or from
    summer time never moves a reminder. Each reminder is keyed by activity,
    threshold and date: running again (or every hour) tells nobody twice, and
    moving the activity arms its reminders again. A run that was missed is
    caught up with the nearest reminder still ahead of the activity.
    """
    today = today or timezone.localdate()
    thresholds = sorted(days if days is not None else reminder_days())
    if not thresholds:
        return 0
    horizon = today + datetime.timedelta(days=max(thresholds))
    activities = (
        CommunicationActivity.objects.filter(
            status=ActivityStatus.PLANNED,
            start_date__gte=today,
            start_date__lte=horizon,
        )
        .prefetch_related("owners")
        .order_by("start_date", "pk")
    )
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for activity in activities:
            days_left = (activity.start_date - today).days
            threshold = min(day for day in thresholds if day >= days_left)
            if days_left == 0:
                title = _("Today: %(title)s") % {"title": activity.title}
            else:
                title = ngettext(
                    "In %(days)d day: %(title)s",
                    "In %(days)d days: %(title)s",
                    days_left,
                ) % {"days": days_left, "title": activity.title}
            intro = _(
                "%(date)s. When the story is published, link it to the activity "
                "to mark it done."
            ) % {"date": _date_text(activity.start_date)}
            sent += notifications_send(
                user_ids=[owner.pk for owner in activity.owners.all()],
                kind=NotificationKind.REMINDER,
                key=(
                    f"reminder:activity:{activity.pk}:{threshold}:"
                    f"{activity.start_date.isoformat()}"
                ),
                title=title,
                url=activity.get_absolute_url(),
                intro=intro,
                actor_id=None,
            )
    return sent


def activity_overdue_notify(*, today: datetime.date | None = None) -> int:
    """Tell the communication team once about each overdue activity."""
    today = today or timezone.localdate()
    team = list(
        get_user_model()
        .objects.filter(groups__name=COMMUNICATION, is_active=True)
        .values_list("pk", flat=True)
    )
    if not team:
        return 0
    sent = 0
    activities = (
        CommunicationActivity.objects.overdue(today=today)
        .prefetch_related("owners")
        .order_by("end_date", "pk")
    )
    with translation.override(settings.LANGUAGE_CODE):
        for activity in activities:
            names = ", ".join(
                owner.get_full_name() or owner.get_username()
                for owner in activity.owners.all()
            )
            sent += notifications_send(
                user_ids=team,
                kind=NotificationKind.OVERDUE,
                key=f"overdue:activity:{activity.pk}:{activity.end_date.isoformat()}",
                title=_("Overdue: %(title)s") % {"title": activity.title},
                url=activity.get_absolute_url(),
                intro=_(
                    "Planned for %(date)s and not marked done. Responsible: %(names)s."
                )
                % {"date": _date_text(activity.end_date), "names": names or "–"},
                actor_id=None,
            )
    return sent
