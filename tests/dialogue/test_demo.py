"""The demo conversations on the newest stories."""

import random

import pytest

from intranet.dialogue import demo
from intranet.dialogue.models import Comment, Reaction
from news.models import NewsPage
from tests.factories.core import UserFactory
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db


def test_the_newest_story_gets_comments_replies_and_reactions_once(news_index, author):
    for number in range(3):
        UserFactory(username=f"demo{number}")
    NewsPageFactory(parent=news_index, owner=author)
    newest = NewsPageFactory(parent=news_index, owner=author)

    demo.seed(rng=random.Random(2012), log=lambda message: None)
    first = Comment.objects.count()
    demo.seed(rng=random.Random(2012), log=lambda message: None)

    assert Comment.objects.count() == first
    assert Comment.objects.filter(page=newest, parent=None).exists()
    assert Comment.objects.filter(page=newest, parent__isnull=False).exists()
    assert Reaction.objects.filter(page=newest).exists()
    assert Comment.objects.filter(reported_at__isnull=False).exists()
    assert Comment.objects.filter(hidden_at__isnull=False).exists()
    assert NewsPage.objects.count() == 2

    demo.reset()
    assert not Comment.objects.exists() and not Reaction.objects.exists()
