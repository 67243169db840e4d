"""Reads for insights outside the dashboard: story reach, the pulse banner
and the pulse results."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import F, Q, Sum, Value
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
from intranet.insights.services import DISMISSED_KEY, answered_key


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


#: Where the surveys not yet closed are kept.
PULSE_SURVEYS = "insights:pulse-surveys"
#: At most this long; saving or deleting a survey forgets them at once.
PULSE_SURVEYS_SECONDS = 5 * 60
#: How long the surveys a person has answered are kept; an answer forgets them.
PULSE_ANSWERED_SECONDS = 60 * 60


def _surveys_not_closed() -> list[PulseSurvey]:
    """The surveys not yet closed, closing first."""
    return cache.get_or_set(
        PULSE_SURVEYS,
        lambda: list(
            PulseSurvey.objects.filter(closes_at__gt=timezone.now()).order_by(
                "closes_at", "pk"
            )
        ),
        PULSE_SURVEYS_SECONDS,
    )


def pulse_surveys_forget() -> None:
    cache.delete(PULSE_SURVEYS)


def _answered(user) -> frozenset[int]:
    """The surveys the person has answered (a few a year; a new survey is not
    among them until they answer it, and `pulse_answer` forgets this)."""
    return cache.get_or_set(
        answered_key(user.pk),
        lambda: frozenset(
            PulseParticipation.objects.filter(user=user).values_list(
                "survey_id", flat=True
            )
        ),
        PULSE_ANSWERED_SECONDS,
    )


def pulse_survey_for_banner(*, user, session) -> PulseSurvey | None:
    """The open survey, closing first, that the person has neither answered
    nor put away. Every logged-in page shows the banner: the surveys and what
    each person has answered are kept, so it costs no query."""
    if not user.is_authenticated:
        return None
    now = timezone.now()
    surveys = [
        survey
        for survey in _surveys_not_closed()
        if survey.opens_at <= now < survey.closes_at
    ]
    if not surveys:
        return None
    hidden = set(session.get(DISMISSED_KEY, [])) | _answered(user)
    return next((survey for survey in surveys if survey.pk not in hidden), None)


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
