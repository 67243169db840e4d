"""The demo conversations on the newest stories."""

import random

import pytest

from cases.models import CaseUpdatePage
from intranet.demo.steps import dialogue
from intranet.dialogue.models import Comment, Reaction
from news.models import NewsPage

pytestmark = pytest.mark.usefixtures("demo")


def test_the_newest_stories_have_comments_replies_reactions_and_moderation():
    for newest in (
        NewsPage.objects.live().order_by("-pk").first(),
        CaseUpdatePage.objects.live().order_by("-pk").first(),
    ):
        assert Comment.objects.filter(page=newest, parent=None).exists()
        assert Comment.objects.filter(page=newest, parent__isnull=False).exists()
        assert Reaction.objects.filter(page=newest).exists()
    # One comment waits in the moderation queue, one was hidden.
    assert Comment.objects.filter(reported_at__isnull=False).count() == 1
    assert Comment.objects.filter(hidden_at__isnull=False).count() == 1
    # The owner writes the first reply.
    reply = Comment.objects.filter(parent__isnull=False).order_by("pk").first()
    assert reply.author == reply.page.owner


def test_the_step_runs_again_without_adding_and_its_reset_removes_the_talk():
    comments, reactions = Comment.objects.count(), Reaction.objects.count()

    dialogue.seed(rng=random.Random(2012), log=lambda message: None)

    assert (Comment.objects.count(), Reaction.objects.count()) == (comments, reactions)
    dialogue.reset()
    assert not Comment.objects.exists() and not Reaction.objects.exists()
