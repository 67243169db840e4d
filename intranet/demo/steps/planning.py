"""The annual plan: a year of communication in a Norwegian municipality.

"Det aller viktigste for å bli dyktige på kommunikasjon, er planlegging."
Content: ``plan.json``. The plan holds what comes back every year (the budget,
school start, 17. mai, the winter road service, elections), one-off events (the
new library), and the cases' planned measures, which the cases app already
brought in when the demo cases were published. Past activities are mostly done,
with the story that fulfilled them linked; a few are left overdue, and one is
cancelled.

An activity's ``day`` is a day of the month or the name of a rule below; its
``years`` (``election`` or ``other``) limits it to municipal election years or
the years between.

Idempotent: activities are looked up by title and date. Deterministic: stories
are picked with the command's seeded generator.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from cases.models import CasePage, CaseUpdatePage
from intranet.core.models import Unit
from intranet.demo.content import load
from intranet.planning import services
from intranet.planning.models import (
    ActivitySource,
    ActivityStatus,
    CalendarToken,
    CommunicationActivity,
)
from news.models import NewsPage


@dataclass(frozen=True)
class DemoActivity:
    title: str
    month: int
    #: A day of the month, or a rule in DAY_RULES.
    day: int | str
    owners: tuple[str, ...]
    #: A unit's slug.
    unit: str
    audiences: tuple[str, ...]
    channels: tuple[str, ...]
    #: May name {next_election}.
    description: str = ""
    days: int = 1
    proactive: bool = True
    #: The title of the case the activity belongs to.
    case: str = ""
    next_year: bool = False
    #: "election", "other" or "" for every year.
    years: str = ""
    #: For a past activity: leave it undone ("overdue") or cancel it ("cancelled").
    outcome: str = ""


def is_election_year(year: int) -> bool:
    """Municipal and county elections: 2023, 2027 …"""
    return year % 4 == 3


def next_election(year: int) -> int:
    return year + (3 - year % 4) % 4


def _school_start(year: int) -> int:
    # The Monday in the week after 14 August, as most Norwegian schools start.
    day = datetime.date(year, 8, 15)
    return day.day + (7 - day.weekday()) % 7


def _election_day(year: int) -> int:
    # The second Monday of September.
    first = datetime.date(year, 9, 1)
    return 1 + (7 - first.weekday()) % 7 + 7


DAY_RULES: dict[str, Callable[[int], int]] = {
    "school_start": _school_start,
    "election_day": _election_day,
}


def activities_for(year: int) -> list[DemoActivity]:
    """The plan's activities in ``year``, days resolved, in the order of the file."""
    election = is_election_year(year)
    plan = []
    for item in load("plan"):
        spec = DemoActivity(**item)
        if spec.years and (spec.years == "election") != election:
            continue
        day = DAY_RULES[spec.day](year) if isinstance(spec.day, str) else spec.day
        description = spec.description.format(next_election=next_election(year))
        plan.append(DemoActivity(**{**item, "day": day, "description": description}))
    return plan


def _stories() -> list[Page]:
    news = NewsPage.objects.live().values("pk")
    updates = CaseUpdatePage.objects.live().values("pk")
    return list(Page.objects.filter(Q(pk__in=news) | Q(pk__in=updates)).order_by("pk"))


def seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    """Fill the plan for this year (and the start of next)."""
    today = timezone.localdate()
    people = {user.username: user for user in get_user_model().objects.all()}
    units = {unit.slug: unit for unit in Unit.objects.all()}
    cases = {case.title: case for case in CasePage.objects.all()}
    stories = _stories()
    created = done = 0
    for spec in activities_for(today.year):
        year = today.year + 1 if spec.next_year else today.year
        start = datetime.date(year, spec.month, spec.day)
        end = start + datetime.timedelta(days=spec.days - 1)
        owners = [people[name] for name in spec.owners if name in people]
        activity = CommunicationActivity.objects.filter(
            title=spec.title, start_date=start, source=ActivitySource.PLAN
        ).first()
        if activity is None and owners:
            activity = services.activity_create(
                user=None,
                owners=owners,
                title=spec.title,
                description=spec.description,
                start_date=start,
                end_date=end,
                unit=units.get(spec.unit),
                case=cases.get(spec.case),
                audiences=list(spec.audiences),
                channels=list(spec.channels),
                proactive=spec.proactive,
            )
            created += 1
        if activity is None or activity.status != ActivityStatus.PLANNED:
            continue
        if end < today and spec.outcome == "cancelled":
            activity.status = ActivityStatus.CANCELLED
            activity.save(update_fields=["status", "updated_at"])
        elif end < today and not spec.outcome and stories:
            services.activity_mark_done(
                activity=activity, story=rng.choice(stories).specific, user=None
            )
            done += 1
    # Half of the cases' past measures were carried out, half are overdue.
    past_measures = CommunicationActivity.objects.filter(
        source=ActivitySource.CASE_MEASURE,
        status=ActivityStatus.PLANNED,
        end_date__lt=today,
    ).order_by("start_date", "pk")
    for position, activity in enumerate(past_measures):
        updates = (
            list(CaseUpdatePage.objects.live().child_of(activity.case).order_by("pk"))
            if activity.case
            else []
        )
        if position % 2 == 0 and updates:
            services.activity_mark_done(
                activity=activity, story=rng.choice(updates), user=None
            )
            done += 1
    log(
        f"Annual plan: {CommunicationActivity.objects.count()} activities "
        f"({created} new, {done} marked done)"
    )


def reset() -> None:
    CommunicationActivity.objects.all().delete()
    CalendarToken.objects.all().delete()
