"""Promotions: the newest positioning stories, spread over every status.

Content: ``promotions.json``. Runs after the news and cases. A promotion already
filled in (it has an assignee) is left alone, so a second run changes nothing.
The approved and published ones get suggested texts for sharing and three weeks
of clicks on their shared links.
"""

import datetime
import random
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.utils import timezone

from cases.models import CaseUpdatePage
from intranet.core.roles import COMMUNICATION
from intranet.demo.content import load
from intranet.promotion import services
from intranet.promotion.models import (
    PUBLIC_STATUSES,
    SHARE_RULES,
    ExternalChannel,
    Promotion,
    PromotionStatus,
    ShareChannel,
    share_text_length,
)
from news.models import NewsPage

# Each story walks this path from candidate; the last step is its status.
PATHS: list[list[str]] = [
    [],
    [PromotionStatus.SHORTLISTED],
    [PromotionStatus.SHORTLISTED, PromotionStatus.APPROVED],
    [
        PromotionStatus.SHORTLISTED,
        PromotionStatus.APPROVED,
        PromotionStatus.PUBLISHED,
    ],
    [PromotionStatus.REJECTED],
    [PromotionStatus.WITHDRAWN],
]
CHANNELS = list(ExternalChannel.values)
#: Days of clicks on the shared links, up to today.
CLICK_DAYS = 21


def _stories() -> list:
    news = list(
        NewsPage.objects.live().exclude(positioning_themes=[]).order_by("-pk")[:8]
    )
    updates = list(
        CaseUpdatePage.objects.live().exclude(positioning_themes=[]).order_by("-pk")[:6]
    )
    return news + updates


def seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    content = load("promotions")
    team = list(
        get_user_model()
        .objects.filter(groups__name=COMMUNICATION, is_active=True)
        .order_by("username")
    )
    moved = 0
    for position, story in enumerate(_stories()):
        # Publishing the demo stories already made them candidates; only a
        # promotion nobody has touched yet is filled in and moved along.
        promotion = services.promotion_create(page=story)
        if promotion.status != PromotionStatus.CANDIDATE or promotion.assignee_id:
            continue
        moved += 1
        user = team[position % len(team)] if team else None
        path = PATHS[position % len(PATHS)]
        services.promotion_update(
            promotion=promotion,
            version=promotion.version,
            assignee=user,
            external_lead=story.intro,
            external_body=content["external_body"].format(intro=story.intro),
            channels=rng.sample(CHANNELS, 2),
            planned_date=timezone.localdate() + datetime.timedelta(days=position),
            rights_confirmed=True,
            # The published one says where it went.
            external_urls=(
                content["external_url"].format(slug=story.slug)
                if PromotionStatus.PUBLISHED in path
                else ""
            ),
        )
        for status in path:
            services.promotion_transition(
                promotion=promotion,
                to_status=status,
                user=user,
                comment=(
                    content["rejection"] if status == PromotionStatus.REJECTED else ""
                ),
            )
        if promotion.status in PUBLIC_STATUSES:
            _share(promotion, content["share_texts"], user=user, rng=rng)
    log(f"Promotions: {moved} filled in, {Promotion.objects.count()} in all")


def _share(promotion: Promotion, texts: dict, *, user, rng: random.Random) -> None:
    """Suggested texts (a channel whose text would be too long is left to the
    colleagues), then clicks on the shared links, a few a day per channel."""
    filled = {
        channel: text.format(
            title=promotion.external_title, lead=promotion.external_lead
        )
        for channel, text in texts.items()
    }
    services.share_texts_save(
        promotion=promotion,
        texts={
            channel: text
            for channel, text in filled.items()
            if share_text_length(text) <= SHARE_RULES[channel].limit
        },
        user=user,
    )
    today = timezone.localdate()
    for days_ago in range(CLICK_DAYS):
        for channel in ShareChannel.values:
            for _click in range(rng.randint(0, 4)):
                services.share_click_record(
                    promotion=promotion,
                    channel=channel,
                    day=today - datetime.timedelta(days=days_ago),
                )


def reset() -> None:
    Promotion.objects.all().delete()
