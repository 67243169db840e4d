"""Figures for the communication team: counts and durations, and the clicks
on shared links; no JS needed."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format

from intranet.promotion.models import (
    Promotion,
    PromotionStatus,
    ShareChannel,
    ShareClick,
)

#: The most clicked stories shown.
SHARE_TOP = 10


@dataclass
class Bar:
    label: str
    value: int
    percent: int = 0


@dataclass
class Figures:
    by_theme: list[Bar] = field(default_factory=list)
    by_unit: list[Bar] = field(default_factory=list)
    by_quarter: list[Bar] = field(default_factory=list)
    by_status: list[Bar] = field(default_factory=list)
    total: int = 0
    median_days_to_external: float | None = None


def _bars(counter: Counter, order: list[str] | None = None) -> list[Bar]:
    keys = order if order is not None else sorted(counter)
    top = max(counter.values(), default=0) or 1
    return [
        Bar(label=key, value=counter[key], percent=round(100 * counter[key] / top))
        for key in keys
    ]


def compute() -> Figures:
    """Counts per theme, unit, quarter and status, and the median number of
    days from the story's first publication to external publication."""
    themes: Counter = Counter()
    units: Counter = Counter()
    quarters: Counter = Counter()
    statuses: Counter = Counter()
    durations: list[float] = []
    promotions = Promotion.objects.select_related("page", "unit")
    for promotion in promotions:
        statuses[PromotionStatus(promotion.status).label] += 1
        for label in promotion.theme_labels:
            themes[label] += 1
        units[promotion.unit.name if promotion.unit else "—"] += 1
        published = promotion.page.first_published_at or promotion.created_at
        quarters[f"{published.year} K{(published.month - 1) // 3 + 1}"] += 1
        if promotion.published_externally_at:
            delta: datetime.timedelta = promotion.published_externally_at - published
            durations.append(round(delta.total_seconds() / 86400, 1))
    durations.sort()
    median = None
    if durations:
        middle = len(durations) // 2
        median = (
            durations[middle]
            if len(durations) % 2
            else round((durations[middle - 1] + durations[middle]) / 2, 1)
        )
    return Figures(
        by_theme=_bars(themes),
        by_unit=_bars(units),
        by_quarter=_bars(quarters),
        by_status=_bars(statuses, [str(label) for label in PromotionStatus.labels]),
        total=sum(statuses.values()),
        median_days_to_external=median,
    )


@dataclass
class StoryClicks:
    promotion: Promotion
    #: Per channel, in `ShareChannel` order.
    by_channel: list[int]
    total: int


@dataclass
class ShareFigures:
    since: datetime.date
    until: datetime.date
    total: int = 0
    by_channel: list[Bar] = field(default_factory=list)
    by_month: list[Bar] = field(default_factory=list)
    #: The `SHARE_TOP` most clicked stories in the period, most first.
    top: list[StoryClicks] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)


def _months(since: datetime.date, until: datetime.date) -> list[datetime.date]:
    month = since.replace(day=1)
    months = []
    while month <= until:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def share_compute(
    *, since: datetime.date, until: datetime.date, top: int = SHARE_TOP
) -> ShareFigures:
    """Clicks on shared links from ``since`` to ``until`` (both included): per
    channel, per month and for the ``top`` most clicked stories. Four
    aggregate queries and one for the stories, whatever the number of clicks."""
    clicks = ShareClick.objects.filter(day__gte=since, day__lte=until).order_by()
    channels = dict(
        clicks.values("channel").annotate(n=Sum("clicks")).values_list("channel", "n")
    )
    months = dict(
        clicks.annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(n=Sum("clicks"))
        .values_list("month", "n")
    )
    by_month: Counter = Counter()
    order = []
    for month in _months(since, until):
        label = date_format(month, "F Y")
        order.append(label)
        by_month[label] = months.get(month, 0)
    best = list(
        clicks.values("promotion")
        .annotate(n=Sum("clicks"))
        .order_by("-n", "promotion")
        .values_list("promotion", "n")[:top]
    )
    best_ids = [pk for pk, _n in best]
    per_story: dict[tuple[int, str], int] = {
        (promotion, channel): n
        for promotion, channel, n in clicks.filter(promotion__in=best_ids)
        .values("promotion", "channel")
        .annotate(n=Sum("clicks"))
        .values_list("promotion", "channel", "n")
    }
    promotions = Promotion.objects.select_related("page").in_bulk(best_ids)
    labels = dict(ShareChannel.choices)
    return ShareFigures(
        since=since,
        until=until,
        total=sum(channels.values()),
        by_channel=_bars(
            Counter({str(labels[value]): channels.get(value, 0) for value in labels}),
            [str(label) for label in labels.values()],
        ),
        by_month=_bars(by_month, order),
        top=[
            StoryClicks(
                promotion=promotions[pk],
                by_channel=[per_story.get((pk, value), 0) for value in labels],
                total=n,
            )
            for pk, n in best
            if pk in promotions
        ],
        channels=[str(label) for label in labels.values()],
    )
