"""The news: a news index and 44 Norwegian articles over the last 18 months.

Content: ``news.json``, newest first: an article's place in the list decides its
date. Dates count back from today, so the front page always looks current; a
few of the newest articles are pinned as important until a few days ahead, one
older article's pin has run out, and one must be read by everyone within a
week. Articles are found again by slug, so running the step twice changes
nothing.
"""

from __future__ import annotations

import datetime
import logging
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Site

from intranet.core import services as core_services
from intranet.core.models import Topic, Unit
from intranet.core.text import slugify_nb
from intranet.demo.content import load
from intranet.demo.images import demo_image, demo_image_alt
from news import services
from news.models import NewsIndexPage, NewsPage

SPAN_DAYS = 540  # about 18 months
# Share of articles that get a second picture in the body.
BODY_IMAGE_SHARE = 0.25


@dataclass(frozen=True)
class DemoArticle:
    title: str
    intro: str
    text: str
    unit: str | None = None
    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    nomination: str = ""
    #: {"text": …, "attribution": …}
    quote: dict | None = None
    facts: tuple[str, ...] = ()
    #: Pinned as important until this many days from today.
    pinned_days: int | None = None
    #: Was pinned for a week after its date, so the pin has run out.
    expired_pin: bool = False
    #: Must be read by everyone within this many days from today.
    must_read_days: int | None = None
    #: Captions of a picture gallery in the body.
    gallery: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return slugify_nb(self.title)[:80].rstrip("-")


def articles() -> list[DemoArticle]:
    return [DemoArticle(**item) for item in load("news")["articles"]]


def _text(key: str, **values: str) -> str:
    return load("news")[key].format(**values)


def _body(article: DemoArticle, *, rng: random.Random, owner_name: str) -> list:
    body: list = [("paragraph", f"<p>{article.text}</p>")]
    if article.quote:
        body.append(("quote", dict(article.quote)))
    if article.facts:
        items = "".join(f"<li>{fact}</li>" for fact in article.facts)
        body.append(
            (
                "fact_box",
                {"title": _text("fact_box_title"), "body": f"<ul>{items}</ul>"},
            )
        )
    if rng.random() < BODY_IMAGE_SHARE:
        title = _text("body_image_title", title=article.title)
        image = demo_image(title=title, rng=rng, topics=article.topics)
        body.append(
            (
                "image",
                {
                    "image": image,
                    "alt_text": demo_image_alt(topics=article.topics, title=title),
                    "caption": _text("image_caption", title=article.title),
                    "credit": owner_name,
                },
            )
        )
    if article.gallery:
        # A few pictures from the day, each drawn after its caption.
        items = []
        for caption in article.gallery:
            title = _text("gallery_image_title", caption=caption)
            items.append(
                {
                    "image": demo_image(title=title, rng=rng),
                    "alt_text": demo_image_alt(title=title),
                    "caption": caption,
                }
            )
        body.append(("gallery", {"images": items}))
    return body


def _news_index() -> NewsIndexPage:
    index = NewsIndexPage.objects.first()
    if index is not None:
        core_services.role_page_rights_grant(page=index)
        return index
    content = load("news")["index"]
    return services.news_index_create(
        parent=Site.objects.get(is_default_site=True).root_page,
        title=content["title"],
        slug=content["slug"],
        intro=content["intro"],
    )


@contextmanager
def _quiet_wagtail_log() -> Iterator[None]:
    # Wagtail logs every page creation and publication at INFO; for 40+ demo
    # articles that drowns the seeder's own progress lines.
    logger = logging.getLogger("wagtail")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


@transaction.atomic
def seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    """Create the news index and the demo articles that are missing."""
    with _quiet_wagtail_log():
        _seed(rng=rng, log=log)


def _seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    index = _news_index()
    today = timezone.localdate()
    base_seed = rng.getrandbits(32)
    authors = load("news")["authors"]
    units = {unit.name: unit for unit in Unit.objects.all()}
    topics = {topic.name: topic for topic in Topic.objects.all()}
    users = {
        user.username: user
        for user in get_user_model().objects.filter(username__in=authors)
    }
    existing = set(NewsPage.objects.child_of(index).values_list("slug", flat=True))
    specs = articles()
    created = 0
    last = len(specs) - 1
    for position, article in enumerate(specs):
        if article.slug in existing:
            continue
        # One random stream per article, so each looks the same however many
        # others already exist.
        article_rng = random.Random(f"{base_seed}:{article.slug}")  # noqa: S311
        if article.pinned_days is not None:
            days_ago = position  # pinned news is fresh news
        else:
            days_ago = round(position * SPAN_DAYS / last)
            days_ago += article_rng.randint(-3, 3)
        date = today - datetime.timedelta(days=max(days_ago, 0))
        owner = users.get(article_rng.choice(authors))
        owner_name = owner.get_full_name() if owner else _text("unknown_author")
        important_until = None
        if article.pinned_days is not None:
            important_until = today + datetime.timedelta(days=article.pinned_days)
        elif article.expired_pin:
            important_until = date + datetime.timedelta(days=7)
        page = services.news_article_create(
            index=index,
            title=article.title,
            slug=article.slug,
            intro=article.intro,
            owner=owner,
            date=date,
            body=_body(article, rng=article_rng, owner_name=owner_name),
            unit=units.get(article.unit) if article.unit else None,
            topics=[topics[name] for name in article.topics if name in topics],
            tags=tuple(article.tags),
            hero_image=demo_image(
                title=_text("image_title", title=article.title),
                rng=article_rng,
                topics=article.topics,
            ),
            hero_image_alt=demo_image_alt(
                topics=article.topics,
                title=_text("image_title", title=article.title),
            ),
            positioning_themes=tuple(article.themes),
            nomination_text=article.nomination,
            important_until=important_until,
        )
        if article.must_read_days is not None:
            # Everyone is asked to confirm it (and told once the seed commits).
            page.must_read_until = today + datetime.timedelta(
                days=article.must_read_days
            )
            page.must_read_everyone = True
            page.save_revision(user=owner).publish(user=owner)
        created += 1
        if created % 10 == 0:
            log(f"News articles: {created} created …")
    log(
        f"News articles: {NewsPage.objects.child_of(index).count()} "
        f"({created} new) under /{index.slug}/"
    )


def reset() -> None:
    """Remove the demo articles, their pictures and an otherwise empty index."""
    slugs = [article.slug for article in articles()]
    with _quiet_wagtail_log():
        for page in NewsPage.objects.filter(slug__in=slugs):
            page.delete()
        for index in NewsIndexPage.objects.filter(slug=load("news")["index"]["slug"]):
            if not index.get_children().exists():
                index.delete()
    get_image_model().objects.filter(
        title__startswith=_text("image_title", title="")
    ).delete()
