"""Reads for insights outside the dashboard: story reach, the pulse banner
and the pulse results."""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from intranet.core.selectors import has_permission
from intranet.insights.models import (
    MIN_ANSWERS,
    SCORES,
    PulseParticipation,
    PulseSurvey,
    PulseTally,
    StoryReadDay,
)
from intranet.insights.services import DISMISSED_KEY


def can_see_insights(user) -> bool:
    """The communication team (and superusers). One query, asked under every
    story (its reach) by people who mostly have no other permission to ask."""
    return has_permission(user, "insights.view_insights")


def can_see_reach(*, user, page) -> bool:
    if not user.is_authenticated:
        return False
    return can_see_insights(user) or user.pk in page.specific.story_owner_ids()


@dataclass(frozen=True)
class Reach:
    today: int
    total: int


def story_reach(*, page_id: int) -> Reach:
    """Unique readers today, and the sum of unique readers per day."""
    today = timezone.localdate()
    figures = StoryReadDay.objects.filter(page_id=page_id).aggregate(
        total=Sum("readers"), today=Sum("readers", filter=Q(day=today))
    )
    return Reach(today=figures["today"] or 0, total=figures["total"] or 0)


#: Where the opening and closing times of the surveys not yet closed are kept.
PULSE_WINDOWS = "insights:pulse-windows"
#: At most this long; saving or deleting a survey forgets them at once.
PULSE_WINDOWS_SECONDS = 5 * 60


def _survey_windows() -> list[tuple[datetime.datetime, datetime.datetime]]:
    return cache.get_or_set(
        PULSE_WINDOWS,
        lambda: list(
            PulseSurvey.objects.filter(closes_at__gt=timezone.now()).values_list(
                "opens_at", "closes_at"
            )
        ),
        PULSE_WINDOWS_SECONDS,
    )


def pulse_windows_forget() -> None:
    cache.delete(PULSE_WINDOWS)


def pulse_survey_for_banner(*, user, session) -> PulseSurvey | None:
    """The open survey, closing first, that the person has neither answered
    nor put away. Every logged-in page shows the banner: while no survey is
    open (most days) it costs no query, and one when one is, whatever the
    number of surveys or answers."""
    if not user.is_authenticated:
        return None
    now = timezone.now()
    if not any(opens <= now < closes for opens, closes in _survey_windows()):
        return None
    dismissed = session.get(DISMISSED_KEY, [])
    answered = PulseParticipation.objects.filter(survey=OuterRef("pk"), user=user)
    return (
        PulseSurvey.objects.filter(opens_at__lte=now, closes_at__gt=now)
        .exclude(pk__in=dismissed)
        .exclude(Exists(answered))
        .order_by("closes_at", "pk")
        .first()
    )


@dataclass(frozen=True)
class PulseResult:
    """A survey's figures. While it is open only the number of answers is
    known: results that changed with every answer would let anyone watching
    tell one person's answer from the difference."""

    survey: PulseSurvey
    answers: int
    positive: int
    closed: bool

    @property
    def shown(self) -> bool:
        return self.closed and self.answers >= MIN_ANSWERS

    @property
    def percent(self) -> int | None:
        if not self.shown:
            return None
        return round(100 * self.positive / self.answers)


def _tally(*scores: int):
    total = sum(
        (F(f"tally__{PulseTally.field_for(score)}") for score in scores[1:]),
        F(f"tally__{PulseTally.field_for(scores[0])}"),
    )
    return Coalesce(total, Value(0))


def pulse_results() -> list[PulseResult]:
    """Every survey with its number of answers and of 4–5 answers, oldest first."""
    now = timezone.now()
    surveys = PulseSurvey.objects.annotate(
        answer_count=_tally(*(score for score, _label in SCORES)),
        positive_count=_tally(4, 5),
    ).order_by("opens_at", "pk")
    return [
        PulseResult(
            survey=survey,
            answers=survey.answer_count,
            positive=survey.positive_count,
            closed=survey.closes_at <= now,
        )
        for survey in surveys
    ]


def pulse_comments(*, survey: PulseSurvey) -> list[str]:
    """The comments of a closed survey with results, in alphabetical order;
    none while it is open."""
    if survey.closes_at > timezone.now():
        return []
    tally = PulseTally.objects.filter(survey=survey).first()
    if tally is None or tally.answers < MIN_ANSWERS:
        return []
    return sorted(tally.comments)
