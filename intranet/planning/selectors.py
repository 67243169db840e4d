"""Reads for the annual plan: the year, month and agenda views, "my
activities", the iCal feeds, and the planned-versus-done figures.

Each returns what its page shows in a fixed number of queries, however many
activities there are. Whatever lists activities or stories is read for one
person (the visitor, or the owner of a calendar feed): an activity about a case
shows only while that case is live and the person may see it (Wagtail's view
restrictions on the case or its ancestors), so a restricted case's planned
measures (title, description, owners) never reach anyone else.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    BooleanField,
    Count,
    DateTimeField,
    ExpressionWrapper,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from wagtail.models import Page

from intranet.core.models import story_page_models
from intranet.core.page_access import visible_to
from intranet.planning.models import (
    ActivityStatus,
    CommunicationActivity,
)


def _owners_prefetch() -> Prefetch:
    from django.contrib.auth import get_user_model

    return Prefetch(
        "owners",
        queryset=get_user_model().objects.order_by("first_name", "last_name"),
    )


def filtered(
    activities: QuerySet[CommunicationActivity],
    *,
    unit=None,
    case=None,
    channel: str = "",
    audience: str = "",
    owner=None,
) -> QuerySet[CommunicationActivity]:
    """Narrow activities down; a sector includes its units."""
    if unit is not None:
        activities = activities.filter(Q(unit=unit) | Q(unit__parent=unit))
    if case is not None:
        activities = activities.filter(case=case)
    if channel:
        activities = activities.filter(channels__includes=channel)
    if audience:
        activities = activities.filter(audiences__includes=audience)
    if owner is not None:
        activities = activities.filter(
            pk__in=CommunicationActivity.owners.through.objects.filter(
                user=owner
            ).values("communicationactivity_id")
        )
    return activities


def seen_by(
    activities: QuerySet[CommunicationActivity], *, user: AbstractBaseUser
) -> QuerySet[CommunicationActivity]:
    """The activities the person may see: those without a case, and those
    whose case is live and not restricted from them."""
    return activities.filter(Q(case__isnull=True) | visible_to(user, prefix="case__"))


def _with_story_visibility(
    activities: QuerySet[CommunicationActivity], *, user: AbstractBaseUser
) -> QuerySet[CommunicationActivity]:
    """`story_visible`: may the person see the story that fulfilled it?"""
    return activities.select_related("story").annotate(
        story_visible=ExpressionWrapper(
            visible_to(user, prefix="story__"), output_field=BooleanField()
        )
    )


def plan(*, user: AbstractBaseUser, **filters) -> QuerySet[CommunicationActivity]:
    """Activities in the plan (not cancelled) that the person may see, with
    what listings show."""
    activities = CommunicationActivity.objects.visible_in_plan()
    return (
        filtered(seen_by(activities, user=user), **filters)
        .select_related("unit", "case")
        .prefetch_related(_owners_prefetch())
    )


def between(
    start: datetime.date, end: datetime.date, *, user: AbstractBaseUser, **filters
) -> QuerySet[CommunicationActivity]:
    """Activities that overlap the days from `start` to `end` (inclusive)."""
    return plan(user=user, **filters).filter(start_date__lte=end, end_date__gte=start)


@dataclass
class MonthPlan:
    """One month of the year view."""

    month: int
    first_day: datetime.date
    activities: list[CommunicationActivity] = field(default_factory=list)
    done: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        return len(self.activities)


def year_plan(
    *,
    year: int,
    user: AbstractBaseUser,
    today: datetime.date | None = None,
    **filters,
) -> list[MonthPlan]:
    """Twelve months, each with the activities that start in it (an activity
    begun last year shows in January)."""
    today = today or timezone.localdate()
    months = [
        MonthPlan(month=number, first_day=datetime.date(year, number, 1))
        for number in range(1, 13)
    ]
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    for activity in between(first, last, user=user, **filters):
        month = months[max(activity.start_date, first).month - 1]
        month.activities.append(activity)
        status = activity.display_status(today=today)
        if status == "done":
            month.done += 1
        elif status == "overdue":
            month.overdue += 1
    return months


@dataclass(frozen=True)
class MonthFigures:
    month: int
    planned: int
    done: int
    overdue: int

    @property
    def open(self) -> int:
        return self.planned - self.done - self.overdue


def planned_vs_done_by_month(
    *, year: int, today: datetime.date | None = None, **filters
) -> list[MonthFigures]:
    """Per month of `year` (by the activity's date): how many activities were
    planned (cancelled ones not counted), how many are done and how many are
    overdue. One query. Filters: unit, case, channel, audience, owner."""
    today = today or timezone.localdate()
    rows = (
        filtered(CommunicationActivity.objects.visible_in_plan(), **filters)
        .filter(start_date__year=year)
        .annotate(month=ExtractMonth("start_date"))
        .order_by()
        .values("month")
        .annotate(
            planned=Count("pk"),
            done=Count("pk", filter=Q(status=ActivityStatus.DONE)),
            overdue=Count(
                "pk",
                filter=Q(status=ActivityStatus.PLANNED, end_date__lt=today),
            ),
        )
    )
    by_month = {row["month"]: row for row in rows}
    return [
        MonthFigures(
            month=month,
            planned=by_month.get(month, {}).get("planned", 0),
            done=by_month.get(month, {}).get("done", 0),
            overdue=by_month.get(month, {}).get("overdue", 0),
        )
        for month in range(1, 13)
    ]


@dataclass
class CalendarDay:
    day: datetime.date
    in_month: bool
    activities: list[CommunicationActivity] = field(default_factory=list)


def month_calendar(
    *, year: int, month: int, user: AbstractBaseUser, **filters
) -> tuple[list[list[CalendarDay]], list[CommunicationActivity]]:
    """The month as weeks (Monday first) of days with their activities, and the
    month's activities in date order."""
    weeks_of_dates = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    days = {
        day: CalendarDay(day=day, in_month=day.month == month)
        for week in weeks_of_dates
        for day in week
    }
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    activities = list(between(first, last, user=user, **filters))
    for activity in activities:
        day = max(activity.start_date, first)
        end = min(activity.end_date, last)
        while day <= end:
            days[day].activities.append(activity)
            day += datetime.timedelta(days=1)
    weeks = [[days[day] for day in week] for week in weeks_of_dates]
    return weeks, activities


def agenda(
    *, start: datetime.date, user: AbstractBaseUser, **filters
) -> QuerySet[CommunicationActivity]:
    """Activities from `start` on, in date order (overlapping ones included)."""
    return plan(user=user, **filters).filter(end_date__gte=start)


def activities_owned_by(*, user: AbstractBaseUser) -> QuerySet[CommunicationActivity]:
    """The person's activities: not done first (the most urgent on top)."""
    return (
        plan(user=user, owner=user)
        .exclude(status=ActivityStatus.DONE)
        .order_by("start_date", "pk")
    )


def recently_done_by(*, user: AbstractBaseUser, limit: int = 10) -> list:
    done = plan(user=user, owner=user).filter(status=ActivityStatus.DONE)
    return list(
        _with_story_visibility(done, user=user).order_by("-start_date", "-pk")[:limit]
    )


def activity_detail(*, pk: int, user: AbstractBaseUser) -> CommunicationActivity | None:
    """The activity, if the person may see it (cancelled ones included)."""
    activities = seen_by(CommunicationActivity.objects.filter(pk=pk), user=user)
    return (
        _with_story_visibility(activities, user=user)
        .select_related("unit", "case")
        .prefetch_related(_owners_prefetch())
        .first()
    )


def story_choices(
    *, activity: CommunicationActivity, user: AbstractBaseUser
) -> QuerySet[Page]:
    """Published stories the person may see that could have fulfilled the
    activity: stories dated from a month before it on, newest first."""
    since = activity.start_date - datetime.timedelta(days=31)
    since_dt = timezone.make_aware(datetime.datetime.combine(since, datetime.time()))
    recent = Q(pk__in=[])
    for model in story_page_models():
        field = model._meta.get_field(model.story_date_field)
        start = since_dt if isinstance(field, DateTimeField) else since
        dated = model.objects.filter(**{f"{field.name}__gte": start})
        recent |= Q(pk__in=dated.values("pk"))
    stories = Page.objects.filter(recent)
    return stories.filter(visible_to(user)).order_by("-last_published_at", "-pk")
