"""Demo insights: a year of read counts and three culture pulse surveys.

Runs after the news, case and promotion seeders. The two closed surveys rise
from the 2012 baseline (28 %) to 34 % and 41 % answering 4–5; the open one has
too few answers to show, and every demo person still sees its banner. The
answers are anonymous, so they stand for colleagues beyond the demo logins.
Running it again changes nothing.
"""

import datetime
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from cases.models import CaseUpdatePage
from intranet.insights.models import PulseSurvey, PulseTally, StoryReadDay
from news.models import NewsPage

QUESTION = "Opplever du at vi har en god intern kommunikasjonskultur?"
READ_DAYS = 365

# (days ago it opened, days open, answers, answering 4–5)
SURVEYS = [(270, 21, 50, 17), (90, 21, 54, 22), (3, 17, 3, 1)]

COMMENTS = [
    "Jeg får vite mer enn før, men ofte for sent.",
    "Oppdateringene fra sakene er nyttige. Flere enheter burde skrive.",
    "Vanskelig å finne ting på intranettet, men søket har blitt bedre.",
    "Lederne mine er flinke til å informere.",
    "Jeg savner mer fra helse og omsorg.",
    "Det er lettere å følge med nå som jeg kan abonnere på emner.",
    "For mye e-post, for lite samtale.",
    "Bra at vi får vise fram det vi får til.",
]


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


def _survey(
    *, rng: random.Random, opened: int, days: int, answers: int, positive: int
) -> PulseSurvey:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    survey = PulseSurvey.objects.create(
        question=QUESTION,
        opens_at=now - datetime.timedelta(days=opened),
        closes_at=now - datetime.timedelta(days=opened - days),
    )
    scores = [rng.choice([4, 5]) for _n in range(positive)]
    scores += [rng.choice([1, 2, 2, 3, 3, 3]) for _n in range(answers - positive)]
    # Colleagues outside the demo logins answered: a tally, and no
    # participation rows, so every demo person can still answer the open one.
    PulseTally.objects.create(
        survey=survey,
        **{PulseTally.field_for(score): scores.count(score) for score in range(1, 6)},
        comments=sorted(rng.choice(COMMENTS) for _n in scores if rng.random() < 0.25),
    )
    return survey


@transaction.atomic
def seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    if not StoryReadDay.objects.exists():
        StoryReadDay.objects.bulk_create(_reads(rng=rng), batch_size=2000)
    log(f"Read counts: {StoryReadDay.objects.count()} story days")
    if not PulseSurvey.objects.exists():
        for opened, days, answers, positive in SURVEYS:
            _survey(
                rng=rng, opened=opened, days=days, answers=answers, positive=positive
            )
    log(
        f"Pulse surveys: {PulseSurvey.objects.count()}, "
        f"answers: {sum(tally.answers for tally in PulseTally.objects.all())}"
    )


def reset() -> None:
    StoryReadDay.objects.all().delete()
    PulseSurvey.objects.all().delete()
