"""Comments, replies and reactions on the newest stories.

Content: ``comments.json``. Runs after the news and cases. A story that already
has comments is left alone, so a second run changes nothing. Rows are written
directly (no rate limit, no notifications): they stand for conversations that
already happened.
"""

import datetime
import random
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.utils import timezone

from cases.models import CaseUpdatePage
from intranet.demo.content import load
from intranet.dialogue.models import Comment, CommentReport, Reaction, ReactionKind
from news.models import NewsPage


def _stories() -> list:
    news = list(NewsPage.objects.live().public().order_by("-pk")[:6])
    updates = list(CaseUpdatePage.objects.live().public().order_by("-pk")[:6])
    return news + updates


def seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    content = load("comments")
    # A comment and its replies; the story's owner writes the first reply and is
    # {owner} in a mention.
    threads = [(thread["text"], thread["replies"]) for thread in content["threads"]]
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
        for text, replies in rng.sample(threads, 2 if position % 3 else 3):
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
            # One comment waits in the moderation queue, one was already hidden.
            when += datetime.timedelta(minutes=30)
            reported = Comment.objects.create(
                page_id=story.pk,
                author=people[-1],
                text=content["reported"],
                created_at=when,
            )
            CommentReport.objects.create(comment=reported, reporter=people[0])
            Comment.objects.filter(pk=reported.pk).update(reported_at=when)
            Comment.objects.create(
                page_id=story.pk,
                author=people[-2],
                text=content["hidden"]["text"],
                created_at=when,
                hidden_at=when + datetime.timedelta(hours=1),
                hidden_by=moderator,
                hidden_reason=content["hidden"]["reason"],
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
