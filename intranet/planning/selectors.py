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
    Case,
    Count,
    DateField,
    DateTimeField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import ExtractMonth, Greatest, RowNumber
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
    # The case is looked up by its key for each activity read (a scalar
    # subquery, which the database cannot turn into a scan of the page tree):
    # a month costs the pages of its activities, not every article and update
    # in the municipality.
    visible_case = (
        Page.objects.filter(visible_to(user), pk=OuterRef("case_id"))
        .order_by()
        .values("pk")[:1]
    )
    return activities.alias(visible_case=Subquery(visible_case)).filter(
        Q(case__isnull=True) | Q(visible_case__isnull=False)
    )


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


#: The year view lists this many activities per month; the rest are counted
#: and reached through the month view.
YEAR_MONTH_LIMIT = 8
#: A day of the month calendar lists this many; the rest are counted and
#: reached through the agenda from that day.
MONTH_DAY_LIMIT = 3

#: Activities in the order every view lists them.
PLAN_ORDER = ("start_date", "end_date", "title", "pk")


def _first_in_each(
    activities: QuerySet[CommunicationActivity], *, group, limit: int
) -> QuerySet[CommunicationActivity]:
    """The first `limit` activities (in plan order) of each value of the
    expression `group`, in one query however many there are."""
    return (
        activities.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[group],
                order_by=[F(name).asc() for name in PLAN_ORDER],
            )
        )
        .filter(rank__lte=limit)
        .order_by(*PLAN_ORDER)
    )


def _listed(activities: QuerySet[CommunicationActivity]):
    """What an activity line shows (date, title, status), nothing more."""
    return activities.only("title", "start_date", "end_date", "status")


@dataclass
class MonthPlan:
    """One month of the year view: its figures and its first activities."""

    month: int
    first_day: datetime.date
    activities: list[CommunicationActivity] = field(default_factory=list)
    total: int = 0
    done: int = 0
    overdue: int = 0

    @property
    def more(self) -> int:
        """Activities of the month that are counted but not listed."""
        return self.total - len(self.activities)


def year_plan(
    *,
    year: int,
    user: AbstractBaseUser,
    today: datetime.date | None = None,
    limit: int = YEAR_MONTH_LIMIT,
    **filters,
) -> list[MonthPlan]:
    """Twelve months, each with the number of activities that start in it
    (an activity begun last year counts in January), how many are done and
    overdue, and the first `limit` of them. One query, whatever the size of
    the plan."""
    today = today or timezone.localdate()
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    months = [
        MonthPlan(month=number, first_day=datetime.date(year, number, 1))
        for number in range(1, 13)
    ]
    activities = seen_by(
        CommunicationActivity.objects.visible_in_plan(), user=user
    ).filter(start_date__lte=last, end_date__gte=first)
    activities = filtered(activities, **filters)
    month = Case(
        When(start_date__lt=first, then=Value(1)),
        default=ExtractMonth("start_date"),
        output_field=IntegerField(),
    )

    def per_month(expression) -> Window:
        return Window(expression, partition_by=[month])

    def counted(condition: Q) -> Sum:
        return Sum(Case(When(condition, then=Value(1)), default=Value(0)))

    # One query: each month's figures (over all its activities) ride along on
    # the first activities of the month.
    with_figures = activities.annotate(
        month_total=per_month(Count("pk")),
        month_done=per_month(counted(Q(status=ActivityStatus.DONE))),
        month_overdue=per_month(
            counted(Q(status=ActivityStatus.PLANNED, end_date__lt=today))
        ),
    )
    for activity in _listed(_first_in_each(with_figures, group=month, limit=limit)):
        plan = months[max(activity.start_date, first).month - 1]
        plan.activities.append(activity)
        plan.total = activity.month_total
        plan.done = activity.month_done
        plan.overdue = activity.month_overdue
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
    #: The first activities on the day (at most MONTH_DAY_LIMIT).
    activities: list[CommunicationActivity] = field(default_factory=list)
    #: All activities on the day, listed or not.
    total: int = 0

    @property
    def more(self) -> int:
        return self.total - len(self.activities)


def month_calendar(
    *,
    year: int,
    month: int,
    user: AbstractBaseUser,
    limit: int = MONTH_DAY_LIMIT,
    **filters,
) -> tuple[list[list[CalendarDay]], QuerySet[CommunicationActivity]]:
    """The month as weeks (Monday first) of days, each with the number of
    activities on it and the first `limit` of them (an activity of several
    days is on each of its days), and the month's activities in date order as
    a queryset to paginate. Two queries for the calendar, whatever the size
    of the plan."""
    weeks_of_dates = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    days = {
        day: CalendarDay(day=day, in_month=day.month == month)
        for week in weeks_of_dates
        for day in week
    }
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    activities = filtered(
        seen_by(CommunicationActivity.objects.visible_in_plan(), user=user), **filters
    ).filter(start_date__lte=last, end_date__gte=first)
    in_month = [day for day in days if day.month == month]
    totals = activities.aggregate(
        **{
            f"day_{day.day}": Count(
                "pk", filter=Q(start_date__lte=day, end_date__gte=day)
            )
            for day in in_month
        }
    )
    for day in in_month:
        days[day].total = totals[f"day_{day.day}"]
    # The first activities that start on each day (those begun before the
    # month, on its first day), each shown on every day it lasts while that
    # day has room; the counts above include the rest.
    starts = Greatest("start_date", Value(first), output_field=DateField())
    for activity in _listed(_first_in_each(activities, group=starts, limit=limit)):
        day = max(activity.start_date, first)
        end = min(activity.end_date, last)
        while day <= end:
            if len(days[day].activities) < limit:
                days[day].activities.append(activity)
            day += datetime.timedelta(days=1)
    weeks = [[days[day] for day in week] for week in weeks_of_dates]
    return weeks, _listed(activities.order_by(*PLAN_ORDER))


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
