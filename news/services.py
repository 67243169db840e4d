"""Writes for news."""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from intranet.core.models import Topic, Unit
from intranet.core.services import index_page_create
from news.models import NewsIndexPage, NewsPage


def news_index_create(
    *, parent: Page, title: str, slug: str, intro: str = ""
) -> NewsIndexPage:
    """Create and publish the news index under `parent`, open to the editors."""
    return index_page_create(
        page=NewsIndexPage(title=title, slug=slug, intro=intro), parent=parent
    )


@transaction.atomic
def news_article_create(
    *,
    index: NewsIndexPage,
    title: str,
    intro: str,
    owner: AbstractBaseUser | None = None,
    date: datetime.date | None = None,
    body: list | None = None,
    slug: str = "",
    unit: Unit | None = None,
    topics: Iterable[Topic] = (),
    target_units: Iterable[Unit] = (),
    tags: Iterable[str] = (),
    hero_image: AbstractImage | None = None,
    hero_image_alt: str = "",
    positioning_themes: Iterable[str] = (),
    nomination_text: str = "",
    important_until: datetime.date | None = None,
    related_case: Page | None = None,
    publish: bool = True,
) -> NewsPage:
    """Create a news article under `index` and, by default, publish it.

    The article obeys the same rules as in the editor (alt text for images, a
    nomination text with a positioning theme). Passing `important_until` marks it
    important and pins it to the front page until that day. The publication time
    follows `date`, so older articles look old in feeds too.
    """
    date = date or timezone.localdate()
    page = NewsPage(
        title=title,
        slug=slug,
        intro=intro,
        owner=owner,
        date=date,
        body=body or [],
        unit=unit,
        hero_image=hero_image,
        hero_image_alt=hero_image_alt,
        positioning_themes=list(positioning_themes),
        nomination_text=nomination_text,
        important=important_until is not None,
        important_until=important_until,
        related_case=related_case,
        live=False,  # publishing the revision makes it live
    )
    page.topics.set(list(topics))
    page.target_units.set(list(target_units))
    page.tags.set(list(tags))
    index.add_child(instance=page)
    # add_child validates the page (full_clean), so the Story rules hold here.
    revision = page.save_revision(user=owner)
    if publish:
        revision.publish(user=owner)
        # Publishing saved a copy built from the revision; catch up with it.
        page.refresh_from_db()
        published_at = timezone.make_aware(
            datetime.datetime.combine(date, datetime.time(9, 0))
        )
        if published_at < timezone.now():
            NewsPage.objects.filter(pk=page.pk).update(
                first_published_at=published_at,
                last_published_at=published_at,
            )
            page.first_published_at = page.last_published_at = published_at
    return page
