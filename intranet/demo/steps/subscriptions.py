"""Subscriptions for the demo people and a filled inbox.

Content: ``subscriptions.json``. Runs before the search step (which rebuilds the
index without notifying), so the inbox is filled here from the newest published
stories.
"""

import random
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from cases.models import CaseUpdatePage
from intranet.core.models import Topic
from intranet.demo.content import load
from intranet.demo.steps.people import usernames
from intranet.subscriptions.models import (
    Delivery,
    FeedToken,
    Notification,
    Subscription,
    SubscriptionDefaults,
)
from intranet.subscriptions.services import (
    subscription_create,
    subscription_defaults_apply,
)
from news.models import NewsPage
from search.query import SearchQuery

INBOX_SIZE = 8
# The newest stories: the first three in the inbox are still unread.
UNREAD = 3


def _demo_users():
    return get_user_model().objects.filter(username__in=usernames())


def seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    followed_search = load("subscriptions")["search"]
    topics = list(Topic.objects.order_by("slug"))
    stories: list[Page] = sorted(
        [
            *NewsPage.objects.live().public().order_by("-first_published_at")[:20],
            *CaseUpdatePage.objects.live()
            .public()
            .order_by("-first_published_at")[:20],
        ],
        key=lambda page: page.first_published_at or timezone.now(),
        reverse=True,
    )
    made = notified = 0
    for user in _demo_users().order_by("username"):
        made += subscription_defaults_apply(user=user)
        if topics:
            topic = rng.choice(topics)
            subscription_create(
                user=user,
                query=SearchQuery(topics=(topic.slug,)),
                name=topic.name,
                delivery=rng.choice([Delivery.INBOX, Delivery.DAILY]),
            )
            made += 1
        subscription = subscription_create(
            user=user,
            query=SearchQuery(text=followed_search["text"]),
            name=followed_search["name"],
            delivery=Delivery.WEEKLY,
        )
        made += 1
        for index, page in enumerate(stories[:INBOX_SIZE]):
            _notification, created = Notification.objects.get_or_create(
                user=user,
                page=page,
                defaults={
                    "subscription": subscription,
                    "delivery": Delivery.INBOX,
                    "title": page.title,
                    "url": page.url or "",
                    "intro": getattr(page, "intro", ""),
                    "content_type": "news"
                    if isinstance(page, NewsPage)
                    else "case_update",
                    "read_at": timezone.now() if index >= UNREAD else None,
                },
            )
            notified += created
    log(f"Subscriptions: {made}, notifications: {notified}")


def reset() -> None:
    users = _demo_users()
    Notification.objects.filter(user__in=users).delete()
    Subscription.objects.filter(user__in=users).delete()
    SubscriptionDefaults.objects.filter(user__in=users).delete()
    FeedToken.objects.filter(user__in=users).delete()
