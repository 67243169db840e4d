"""Demo comments, replies and reactions on the newest stories.

Runs after the news and case seeders. A story that already has comments is left
alone, so a second run changes nothing. Rows are written directly (no rate
limit, no notifications): they stand for conversations that already happened.
"""

import datetime
import random
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.utils import timezone

from cases.models import CaseUpdatePage
from intranet.dialogue.models import Comment, CommentReport, Reaction, ReactionKind
from news.models import NewsPage

# A comment and its replies; the story's owner writes the first reply and is
# {owner} in a mention.
THREADS: list[tuple[str, list[str]]] = [
    (
        "Så bra at dere deler dette! Vi på Barnehagene har lurt på det samme, "
        "kan vi ta en prat over jul?",
        [
            "Absolutt, jeg sender deg en invitasjon. Det er nettopp sånne "
            "erfaringer vi bør dele på tvers av enhetene.",
            "Hyggelig å se at vi holder hverandre oppdatert. Følger med videre!",
        ],
    ),
    (
        "Takk for en oppdatering som faktisk forteller hva som skjer. @{owner} – "
        "har dere tall på hvor mange som har tatt det i bruk?",
        ["Vi har foreløpige tall og legger dem ut i neste oppdatering."],
    ),
    (
        "Gratulerer til alle som har stått på! Dette viser at vi kan være en "
        "pådriver når vi jobber sammen.",
        [],
    ),
    (
        "Nyttig lesning. Mer bakgrunn finnes i kommunikasjonsstrategien: "
        "https://www.kommune.example/strategi/kommunikasjon",
        ["Godt tips, den har jeg ikke lest på lenge."],
    ),
    (
        "Kan noen si litt om hvordan brukerne ble tatt med i arbeidet? Det vil "
        "vi gjerne lære av i Plan og miljø.",
        [
            "Vi hadde tre åpne verksteder og en kort spørreundersøkelse. "
            "Oppsummeringen ligger på saken.",
        ],
    ),
]
REPORTED = "Dette kunne vel vært sendt på e-post i stedet for å bli en nyhet?"
HIDDEN = ("Her stod det et navn på en bruker.", "Personopplysninger om en bruker")


def _stories() -> list:
    news = list(NewsPage.objects.live().public().order_by("-pk")[:6])
    updates = list(CaseUpdatePage.objects.live().public().order_by("-pk")[:6])
    return news + updates


def seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    people = list(
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False)
        .order_by("username")
    )
    if not people:
        return
    moderator = (
        get_user_model().objects.filter(username="silje.aas").first() or people[0]
    )
    made = reactions = 0
    for position, story in enumerate(_stories()):
        if Comment.objects.filter(page_id=story.pk).exists():
            continue
        start = (story.first_published_at or timezone.now()) + datetime.timedelta(
            hours=2
        )
        if start > timezone.now():
            start = timezone.now() - datetime.timedelta(days=1)
        owner = story.owner or people[0]
        when = start
        threads = rng.sample(THREADS, 2 if position % 3 else 3)
        for text, replies in threads:
            author = rng.choice([p for p in people if p.pk != owner.pk])
            when += datetime.timedelta(minutes=rng.randint(20, 240))
            comment = Comment.objects.create(
                page_id=story.pk,
                author=author,
                text=text.format(owner=owner.username),
                created_at=when,
            )
            made += 1
            for number, reply in enumerate(replies):
                when += datetime.timedelta(minutes=rng.randint(10, 120))
                Comment.objects.create(
                    page_id=story.pk,
                    author=owner if number == 0 else rng.choice(people),
                    parent=comment,
                    text=reply,
                    created_at=when,
                )
                made += 1
        if position == 1:
            when += datetime.timedelta(minutes=30)
            reported = Comment.objects.create(
                page_id=story.pk, author=people[-1], text=REPORTED, created_at=when
            )
            CommentReport.objects.create(comment=reported, reporter=people[0])
            Comment.objects.filter(pk=reported.pk).update(reported_at=when)
            Comment.objects.create(
                page_id=story.pk,
                author=people[-2],
                text=HIDDEN[0],
                created_at=when,
                hidden_at=when + datetime.timedelta(hours=1),
                hidden_by=moderator,
                hidden_reason=HIDDEN[1],
            )
            made += 2
        for person in rng.sample(people, min(len(people), 6)):
            for kind in rng.sample(list(ReactionKind.values), rng.randint(1, 2)):
                Reaction.objects.get_or_create(page_id=story.pk, user=person, kind=kind)
                reactions += 1
    log(f"{made} comments and {reactions} reactions")


def reset() -> None:
    Comment.objects.all().delete()
    Reaction.objects.all().delete()
