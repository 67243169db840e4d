"""Figures for the communication team: counts and durations, no JS needed."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from intranet.promotion.models import Promotion, PromotionStatus


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
