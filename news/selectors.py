"""Reads for news: the querysets the listing, the front page and the feeds use.

Every list returns only live pages outside private sections (the front page and
the years are cached for everyone), with what a news card needs loaded up front,
so a list costs the same number of queries at any length. A single page linked
from an article is shown only to those who may see it.
"""

import datetime

from django.db.models import Q, Subquery
from wagtail.models import Page
from wagtail.query import PageQuerySet

from intranet.core.models import Topic, Unit
from intranet.core.page_access import public, without_hidden
from intranet.core.selectors import (
    cached_for_content,
    for_story_cards,
    targeted_first,
    targeting,
)
from news.models import NewsIndexPage, NewsPage

YEARS_CACHE_SECONDS = 60 * 60


def _visible() -> PageQuerySet:
    # Archived articles stay live (search and links still find them) but
    # leave the listing, the front page and the feeds.
    return public(NewsPage.objects.live().filter(archived_at__isnull=True))


def _newest_first(queryset: PageQuerySet) -> PageQuerySet:
    return queryset.order_by("-date", "-first_published_at", "-pk")


def _unit_q(unit: Unit) -> Q:
    # A sector's news includes the news of its units.
    return Q(unit=unit) | Q(unit__parent=unit)


def news_index() -> NewsIndexPage | None:
    """The live news index, if there is one."""
    return NewsIndexPage.objects.live().first()


def related_case(*, article: NewsPage, user) -> Page | None:
    """The case an article is about, when it is live and the person may see it
    (the article's "Case:" line)."""
    if article.related_case_id is None:
        return None
    cases = Page.objects.live().filter(pk=article.related_case_id)
    return without_hidden(cases, user=user).first()


def news_years(*, index: NewsIndexPage) -> list[int]:
    """Years that have visible news under `index`, newest first.

    Reading them scans every article, and they only change when content does,
    so they are cached under the content version."""

    def read() -> list[int]:
        dates = _visible().descendant_of(index).dates("date", "year", order="DESC")
        return [date.year for date in dates]

    return cached_for_content(
        ("news:years", index.pk), read, timeout=YEARS_CACHE_SECONDS
    )


def news_listing(
    *,
    index: NewsIndexPage,
    topic: Topic | None = None,
    unit: Unit | None = None,
    year: int | None = None,
) -> PageQuerySet:
    """The articles under `index`, newest first, narrowed by the given filters."""
    queryset = _visible().descendant_of(index)
    if topic is not None:
        queryset = queryset.filter(topics=topic)
    if unit is not None:
        queryset = queryset.filter(_unit_q(unit))
    if year is not None:
        queryset = queryset.filter(date__year=year)
    return for_story_cards(_newest_first(queryset))


COUNT_CACHE_SECONDS = 60 * 60


def news_listing_count(
    *,
    index: NewsIndexPage,
    topic: Topic | None = None,
    unit: Unit | None = None,
    year: int | None = None,
) -> int:
    """How many articles `news_listing` holds for these filters.

    Counting reads every matching article (with five years of news, the
    listing's slowest query); the listing is the same for everyone and only
    changes with the content, so the count is cached under the content version."""
    return cached_for_content(
        (
            "news:count",
            index.pk,
            topic.pk if topic else "",
            unit.pk if unit else "",
            year or "",
        ),
        lambda: news_listing(index=index, topic=topic, unit=unit, year=year).count(),
        timeout=COUNT_CACHE_SECONDS,
    )


PINNED_ON_FRONT_PAGE = 3


def _pinned(visible: PageQuerySet, *, today: datetime.date) -> PageQuerySet:
    queryset = visible.filter(important=True, important_until__gte=today)
    return _newest_first(queryset)[:PINNED_ON_FRONT_PAGE]


def pinned_news(*, today: datetime.date) -> list[NewsPage]:
    """Important articles whose pin has not run out (the last day included)."""
    # Shown through the kept cards, which load the pictures they render.
    return list(for_story_cards(_pinned(_visible(), today=today), images=False))


#: How long an article for the reader's unit stays at the top of "Siste nytt".
TARGETED_DAYS = 14


def latest_news(
    *,
    limit: int,
    today: datetime.date,
    units: tuple[int, ...] = (),
    only_for_reader: bool = False,
) -> list[NewsPage]:
    """The newest articles, leaving out those pinned above them on `today`.

    Articles for the reader's `units` from the last two weeks come first,
    marked ``for_reader``; with `only_for_reader` the list holds only
    articles for those units, of any age."""
    visible = _visible()  # reads the view restrictions once for both lists
    pinned = _pinned(visible, today=today).values("pk")
    queryset = for_story_cards(
        _newest_first(visible.exclude(pk__in=Subquery(pinned))), images=False
    )
    if only_for_reader:
        articles = list(targeting(queryset, units)[:limit]) if units else []
        for article in articles:
            article.for_reader = True
        return articles
    return targeted_first(
        queryset,
        units=units,
        limit=limit,
        since=today - datetime.timedelta(days=TARGETED_DAYS),
        date_field="date",
    )


def news_for_feed(
    *, topic: Topic | None = None, unit: Unit | None = None, limit: int = 30
) -> list[NewsPage]:
    """The newest articles for an Atom feed, optionally for one topic or unit."""
    queryset = _visible()
    if topic is not None:
        queryset = queryset.filter(topics=topic)
    if unit is not None:
        queryset = queryset.filter(_unit_q(unit))
    queryset = queryset.select_related("owner", "unit").prefetch_related("topics")
    return list(_newest_first(queryset)[:limit])
