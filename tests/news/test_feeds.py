import datetime

import feedparser
import pytest
from wagtail.models import PageViewRestriction

from tests.factories.core import TopicFactory, UnitFactory, UserFactory
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db


def parse(response) -> feedparser.FeedParserDict:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_news_feed_is_valid_atom_with_the_newest_articles(staff_client, news_index):
    author = UserFactory(first_name="Hilde", last_name="Strand")
    topic = TopicFactory(name="Skole", slug="skole")
    article = NewsPageFactory(
        parent=news_index,
        title="Nye læringsbrett",
        intro="Alle elever får nye brett.",
        date=datetime.date(2026, 2, 1),
        owner=author,
        topics=[topic],
    )
    NewsPageFactory(
        parent=news_index, title="Eldre sak", date=datetime.date(2025, 5, 1)
    )

    feed = parse(staff_client.get("/nyheter/feed/"))

    assert feed.feed.title == "Nyheter – Intranettet"
    assert feed.feed.language == "nb"
    assert [entry.title for entry in feed.entries] == ["Nye læringsbrett", "Eldre sak"]
    first = feed.entries[0]
    assert first.link == f"http://testserver{article.url}"
    assert first.summary == "Alle elever får nye brett."
    assert first.author == "Hilde Strand"
    assert [tag.term for tag in first.tags] == ["Skole"]
    assert first.published_parsed[:3] == (2026, 2, 1)
    assert first.updated_parsed is not None


def test_feeds_hold_only_live_public_news(staff_client, news_index):
    NewsPageFactory(parent=news_index, title="Publisert")
    NewsPageFactory(parent=news_index, title="Utkast", live=False)
    secret = NewsPageFactory(parent=news_index, title="Hemmelig")
    PageViewRestriction.objects.create(
        page=secret,
        restriction_type=PageViewRestriction.PASSWORD,
        password="hemmelig",
    )

    feed = parse(staff_client.get("/nyheter/feed/"))

    assert [entry.title for entry in feed.entries] == ["Publisert"]


def test_topic_feed_has_only_that_topic(staff_client, news_index):
    school = TopicFactory(name="Skole", slug="skole")
    culture = TopicFactory(name="Kultur", slug="kultur")
    NewsPageFactory(parent=news_index, title="Om skolen", topics=[school])
    NewsPageFactory(parent=news_index, title="Om kultur", topics=[culture])

    feed = parse(staff_client.get("/nyheter/feed/emne/skole/"))

    assert feed.feed.title == "Nyheter om Skole – Intranettet"
    assert [entry.title for entry in feed.entries] == ["Om skolen"]


def test_unit_feed_of_a_sector_includes_its_units(staff_client, news_index):
    sector = UnitFactory(name="Helse og omsorg", slug="helse-og-omsorg")
    home_care = UnitFactory(
        name="Hjemmetjenesten", slug="hjemmetjenesten", parent=sector
    )
    NewsPageFactory(parent=news_index, title="Fra hjemmetjenesten", unit=home_care)
    NewsPageFactory(parent=news_index, title="Fra andre", unit=UnitFactory())

    sector_feed = parse(staff_client.get("/nyheter/feed/enhet/helse-og-omsorg/"))
    unit_feed = parse(staff_client.get("/nyheter/feed/enhet/hjemmetjenesten/"))

    assert sector_feed.feed.title == "Nyheter fra Helse og omsorg – Intranettet"
    assert [entry.title for entry in sector_feed.entries] == ["Fra hjemmetjenesten"]
    assert [entry.title for entry in unit_feed.entries] == ["Fra hjemmetjenesten"]


def test_an_article_without_publication_times_still_gets_an_updated_date(
    staff_client, news_index
):
    NewsPageFactory(
        parent=news_index,
        date=datetime.date(2026, 1, 15),
        first_published_at=None,
        last_published_at=None,
    )

    feed = parse(staff_client.get("/nyheter/feed/"))

    assert feed.entries[0].updated_parsed[:3] == (2026, 1, 14)  # midnight in Oslo


def test_an_empty_feed_is_still_valid(staff_client, news_index):
    feed = parse(staff_client.get("/nyheter/feed/"))

    assert feed.entries == []


@pytest.mark.parametrize(
    "path", ["/nyheter/feed/emne/finnes-ikke/", "/nyheter/feed/enhet/finnes-ikke/"]
)
def test_feed_for_an_unknown_topic_or_unit_is_a_404(staff_client, path):
    assert staff_client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/nyheter/feed/", "/nyheter/feed/emne/skole/", "/nyheter/feed/enhet/skole/"],
)
def test_feeds_need_a_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.url.startswith("/logg-inn/")
