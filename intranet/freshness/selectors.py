"""Reads for freshness: which cases have gone quiet and which pages are due a review.

Two rules, each in one place here:

* A live case that is not completed is *stale* when its last activity (its
  last counted update, or when it was first shared; `CasePage.last_activity_at`)
  is older than the number of days set for its status (`case_thresholds`).
  Completed cases are never stale.
* A live, unarchived news article is *due for review* when the later of its
  last publication and its last confirmation (`reviewed_at`) is older than
  `review_days()`. Case updates are dated reports of a moment and are not
  reviewed: their case is kept fresh by the nudges instead.

Every read is one query (or one per kind) whatever the number of rows, so the
nightly job and the overview cost the same at any size.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import Coalesce, Greatest, RowNumber
from wagtail.models import Page

from cases.models import CaseOwner, CasePage, CaseStatus
from intranet.core.models import Unit, is_story
from intranet.core.page_access import without_hidden
from news.models import NewsPage

#: Days without an update before a case's owners are asked, per status.
DEFAULT_CASE_DAYS = {
    CaseStatus.PLANNED.value: 90,
    CaseStatus.ONGOING.value: 45,
    CaseStatus.PAUSED.value: 180,
}
DEFAULT_REVIEW_DAYS = 365

#: How many of each kind the overview shows per unit before "se alle".
SHOWN_PER_UNIT = 10


def case_thresholds() -> dict[str, int]:
    """Days per case status (`FRESHNESS_CASE_DAYS` over the defaults); a
    completed case has none, whatever the setting says."""
    days = {**DEFAULT_CASE_DAYS, **getattr(settings, "FRESHNESS_CASE_DAYS", {})}
    days.pop(CaseStatus.COMPLETED.value, None)
    return {status: int(value) for status, value in days.items() if value}


def review_days() -> int:
    """Days after its last publication or confirmation before a page is reviewed."""
    return int(getattr(settings, "FRESHNESS_REVIEW_DAYS", DEFAULT_REVIEW_DAYS))


def _stale_condition(*, now: datetime.datetime) -> Q:
    condition = Q(pk__in=[])
    for status, days in case_thresholds().items():
        condition |= Q(
            status=status, last_activity_at__lt=now - datetime.timedelta(days=days)
        )
    return condition


def stale_cases(*, now: datetime.datetime) -> QuerySet[CasePage]:
    """Live cases past their status's threshold, the quietest first."""
    return (
        CasePage.objects.live()
        .exclude(status=CaseStatus.COMPLETED)
        .filter(_stale_condition(now=now))
        .order_by("last_activity_at", "pk")
    )


def reviewed_at():
    """When a page was last published or confirmed, whichever is later."""
    published = Coalesce("last_published_at", "first_published_at")
    return Greatest(
        Coalesce("last_confirmed_at", published),
        Coalesce(published, "last_confirmed_at"),
    )


def pages_due_for_review(*, now: datetime.datetime) -> QuerySet[NewsPage]:
    """Live, unarchived articles not published or confirmed for `review_days()`,
    the longest unreviewed first (annotated with `reviewed`)."""
    before = now - datetime.timedelta(days=review_days())
    return (
        NewsPage.objects.live()
        .filter(archived_at__isnull=True)
        .annotate(reviewed=reviewed_at())
        .filter(reviewed__lt=before)
        .order_by("reviewed", "pk")
    )


@dataclass(frozen=True)
class CaseNudge:
    """What the nightly job tells a stale case's owners."""

    case_id: int
    title: str
    last_activity_at: datetime.datetime
    owner_ids: tuple[int, ...]


def case_nudges(*, now: datetime.datetime) -> list[CaseNudge]:
    """Every stale case with its owners, in two queries."""
    cases = stale_cases(now=now)
    owners: dict[int, list[int]] = {}
    for case_id, user_id in (
        CaseOwner.objects.filter(case__in=cases.values("pk"), user__is_active=True)
        .order_by("case_id", "sort_order")
        .values_list("case_id", "user_id")
    ):
        owners.setdefault(case_id, []).append(user_id)
    return [
        CaseNudge(
            case_id=pk,
            title=title,
            last_activity_at=last_activity_at,
            owner_ids=tuple(owners.get(pk, ())),
        )
        for pk, title, last_activity_at in cases.values_list(
            "pk", "title", "last_activity_at"
        )
    ]


@dataclass(frozen=True)
class ReviewRequest:
    """What the nightly job asks a page's owner."""

    page_id: int
    title: str
    reviewed: datetime.datetime
    owner_id: int | None


def review_requests(*, now: datetime.datetime) -> list[ReviewRequest]:
    """Every page due for review with its owner, in one query."""
    return [
        ReviewRequest(page_id=pk, title=title, reviewed=reviewed, owner_id=owner_id)
        for pk, title, reviewed, owner_id in pages_due_for_review(now=now)
        .filter(Q(owner__isnull=True) | Q(owner__is_active=True))
        .values_list("pk", "title", "reviewed", "owner_id")
    ]


# The communication team's overview ---------------------------------------------


@dataclass
class UnitOverdue:
    """One unit's overdue cases and pages: the counts and the first few."""

    unit: Unit | None
    case_count: int = 0
    page_count: int = 0
    cases: list[CasePage] = field(default_factory=list)
    pages: list[NewsPage] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple:
        return (self.unit is None, self.unit.name if self.unit else "")


def _first_per_unit(queryset: QuerySet, order: tuple) -> QuerySet:
    ranked = queryset.annotate(
        rank=Window(RowNumber(), partition_by=[F("unit_id")], order_by=list(order))
    )
    return ranked.filter(rank__lte=SHOWN_PER_UNIT).order_by("unit_id", "rank")


def overdue_by_unit(*, user, now: datetime.datetime) -> list[UnitOverdue]:
    """Per unit (a case's responsible unit, an article's unit; none last), how
    many cases are stale and pages due for review, with the first
    `SHOWN_PER_UNIT` of each. Only what the person may see; five queries."""
    cases = without_hidden(stale_cases(now=now), user=user)
    pages = without_hidden(pages_due_for_review(now=now), user=user)
    by_unit: dict[int | None, UnitOverdue] = {}

    def line(unit_id: int | None) -> UnitOverdue:
        return by_unit.setdefault(unit_id, UnitOverdue(unit=None))

    for row in cases.order_by().values("unit_id").annotate(count=Count("pk")):
        line(row["unit_id"]).case_count = row["count"]
    for row in pages.order_by().values("unit_id").annotate(count=Count("pk")):
        line(row["unit_id"]).page_count = row["count"]
    for case in _first_per_unit(
        cases.defer_streamfields().only(
            "pk", "title", "url_path", "unit_id", "status", "last_activity_at"
        ),
        (F("last_activity_at").asc(), F("pk").asc()),
    ):
        line(case.unit_id).cases.append(case)
    for page in _first_per_unit(
        pages.defer_streamfields().only(
            "pk", "title", "url_path", "unit_id", "owner_id", "last_confirmed_at"
        ),
        (F("reviewed").asc(), F("pk").asc()),
    ):
        line(page.unit_id).pages.append(page)
    units = Unit.objects.in_bulk([pk for pk in by_unit if pk is not None])
    for unit_id, overdue in by_unit.items():
        overdue.unit = units.get(unit_id)
    return sorted(by_unit.values(), key=lambda overdue: overdue.sort_key)


def overdue_cases_of_unit(
    *, user, now: datetime.datetime, unit_id: int | None
) -> QuerySet[CasePage]:
    """All of one unit's stale cases (for "se alle"), the quietest first."""
    return without_hidden(stale_cases(now=now), user=user).filter(unit_id=unit_id)


def overdue_pages_of_unit(
    *, user, now: datetime.datetime, unit_id: int | None
) -> QuerySet[NewsPage]:
    """All of one unit's pages due for review (for "se alle")."""
    return without_hidden(pages_due_for_review(now=now), user=user).filter(
        unit_id=unit_id
    )


def live_story(page_id: int) -> Page | None:
    """The live story page with this id (a news article or a case update)."""
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None or not is_story(page):
        return None
    return page.specific
