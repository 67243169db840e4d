"""Insights: a year of read counts and three culture pulse surveys.

Content: ``pulse.json``. Runs after the news, cases and promotions. The two
closed surveys rise from the 2012 baseline (28 %) to 34 % and 41 % answering
4–5; the open one has too few answers to show, and every demo person still sees
its banner. The answers are anonymous, so they stand for colleagues beyond the
demo logins. Running it again changes nothing.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from cases.models import CaseUpdatePage
from intranet.demo.content import load
from intranet.insights.models import PulseSurvey, PulseTally, StoryReadDay
from news.models import NewsPage

READ_DAYS = 365
# Share of the answers that leave a comment.
COMMENTING = 0.25


@dataclass(frozen=True)
class DemoSurvey:
    opened_days_ago: int
    days_open: int
    answers: int
    #: How many of the answers are 4 or 5.
    positive: int


def _reads(*, rng: random.Random) -> list[StoryReadDay]:
    today = timezone.localdate()
    first = today - datetime.timedelta(days=READ_DAYS - 1)
    rows = []
    stories = [
        *[(page.pk, page.date, page.important) for page in NewsPage.objects.live()],
        *[
            (page.pk, timezone.localdate(page.publication_date), False)
            for page in CaseUpdatePage.objects.live()
        ],
    ]
    for page_id, published, important in stories:
        # Important news reaches most people; an update mostly its followers.
        readers = rng.randint(60, 140) if important else rng.randint(8, 55)
        day = max(published, first)
        while day <= today and readers >= 1:
            weekend = day.weekday() >= 5
            rows.append(
                StoryReadDay(
                    page_id=page_id,
                    day=day,
                    readers=max(1, readers // 4) if weekend else readers,
                )
            )
            readers = int(readers * rng.uniform(0.45, 0.7))
            day += datetime.timedelta(days=1)
    return rows


def _survey(*, rng: random.Random, spec: DemoSurvey) -> PulseSurvey:
    content = load("pulse")
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    survey = PulseSurvey.objects.create(
        question=content["question"],
        opens_at=now - datetime.timedelta(days=spec.opened_days_ago),
        closes_at=now - datetime.timedelta(days=spec.opened_days_ago - spec.days_open),
    )
    scores = [rng.choice([4, 5]) for _n in range(spec.positive)]
    scores += [
        rng.choice([1, 2, 2, 3, 3, 3]) for _n in range(spec.answers - spec.positive)
    ]
    # Colleagues outside the demo logins answered: a tally, and no
    # participation rows, so every demo person can still answer the open one.
    PulseTally.objects.create(
        survey=survey,
        **{PulseTally.field_for(score): scores.count(score) for score in range(1, 6)},
        comments=sorted(
            rng.choice(content["comments"])
            for _n in scores
            if rng.random() < COMMENTING
        ),
    )
    return survey


@transaction.atomic
def seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    if not StoryReadDay.objects.exists():
        StoryReadDay.objects.bulk_create(_reads(rng=rng), batch_size=2000)
    log(f"Read counts: {StoryReadDay.objects.count()} story days")
    if not PulseSurvey.objects.exists():
        for survey in load("pulse")["surveys"]:
            _survey(rng=rng, spec=DemoSurvey(**survey))
    log(
        f"Pulse surveys: {PulseSurvey.objects.count()}, "
        f"answers: {sum(tally.answers for tally in PulseTally.objects.all())}"
    )


def reset() -> None:
    StoryReadDay.objects.all().delete()
    PulseSurvey.objects.all().delete()
