"""The demo news: 18 months of dated, illustrated articles, a few pinned."""

import pytest
from django.utils import timezone
from wagtail.models import GroupPagePermission

from news.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.usefixtures("demo")


def test_the_news_spreads_over_18_months_with_pictures_topics_and_themes():
    today = timezone.localdate()
    articles = NewsPage.objects.live()

    assert articles.count() >= 40
    dates = sorted(article.date for article in articles)
    assert dates[-1] == today
    assert (today - dates[0]).days >= 500  # spread over about 18 months
    assert len({(d.year, d.month) for d in dates}) >= 15
    assert all(article.hero_image and article.hero_image_alt for article in articles)
    assert articles.filter(unit__isnull=False).count() >= 25
    assert all(article.topics.exists() for article in articles)
    pinned = articles.filter(important=True, important_until__gte=today)
    assert 2 <= pinned.count() <= 3
    assert articles.filter(important=True, important_until__lt=today).exists()
    themed = articles.exclude(positioning_themes=[])
    assert themed.count() >= 8
    assert all(article.nomination_text for article in themed)
    assert {"innovation", "competence"} <= {
        theme for article in themed for theme in article.positioning_themes
    }


def test_the_front_page_shows_pinned_news_and_positioning_stories(client):
    client.login(username="hilde.strand", password="demo1234")

    front_page = client.get("/").content.decode()

    assert "Viktig nå" in front_page
    assert "Vi viser det" in front_page
    assert client.get("/nyheter/?page=2").status_code == 200


def test_the_news_index_is_open_to_the_editors():
    index = NewsIndexPage.objects.get(slug="nyheter")

    granted = set(
        GroupPagePermission.objects.filter(
            page=index, group__name="Redaktører"
        ).values_list("permission__codename", flat=True)
    )
    assert granted == {"add_page", "change_page", "publish_page"}
