"""Demo data step: subscriptions for the demo people and a filled inbox.

Runs before ``search.demo`` (which rebuilds the index without notifying), so the
inbox is filled here from the newest published stories.
"""

import random
from collections.abc import Callable

from django.utils import timezone
from wagtail.models import Page

from cases.models import CaseUpdatePage
from intranet.core.demo import PEOPLE
from intranet.core.models import Topic
from news.models import NewsPage
from search.query import SearchQuery
from search.subscription_services import (
    subscription_create,
    subscription_defaults_apply,
)
from search.subscriptions import (
    Delivery,
    FeedToken,
    Notification,
    Subscription,
    SubscriptionDefaults,
)

INBOX_SIZE = 8


def _demo_users():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        username__in=[person.username for person in PEOPLE]
    )


def seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
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
            query=SearchQuery(text="digitalisering"),
            name="Digitalisering",
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
                    "read_at": timezone.now() if index >= 3 else None,
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
