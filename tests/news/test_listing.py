import datetime

import pytest
from wagtail.models import PageViewRestriction

from news.models import NEWS_PER_PAGE
from tests.factories.core import TopicFactory, UnitFactory
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [article.title for article in response.context["articles"]]


def test_listing_is_newest_first(staff_client, news_index):
    NewsPageFactory(parent=news_index, title="Eldst", date=datetime.date(2025, 1, 5))
    NewsPageFactory(parent=news_index, title="Nyest", date=datetime.date(2026, 2, 1))
    NewsPageFactory(parent=news_index, title="Midt", date=datetime.date(2025, 8, 1))

    response = staff_client.get(news_index.url)

    assert response.status_code == 200
    assert titles(response) == ["Nyest", "Midt", "Eldst"]
    assert "3 nyheter" in response.content.decode()


def test_listing_paginates_and_keeps_the_filters(staff_client, news_index):
    topic = TopicFactory(slug="skole")
    start = datetime.date(2026, 1, 1)
    for day in range(NEWS_PER_PAGE + 3):
        NewsPageFactory(
            parent=news_index,
            title=f"Sak {day:02}",
            date=start + datetime.timedelta(days=day),
            topics=[topic],
        )

    first = staff_client.get(news_index.url, {"topic": "skole"})
    second = staff_client.get(news_index.url, {"topic": "skole", "page": 2})

    assert len(titles(first)) == NEWS_PER_PAGE
    assert titles(first)[0] == f"Sak {NEWS_PER_PAGE + 2:02}"
    assert titles(second) == ["Sak 02", "Sak 01", "Sak 00"]
    content = first.content.decode()
    assert "Side 1 av 2" in content
    assert 'href="?topic=skole&amp;page=2"' in content


@pytest.mark.parametrize("page", ["0", "-1", "abc", "999", "1.5"])
def test_a_bad_page_number_still_shows_a_page(staff_client, news_index, page):
    NewsPageFactory(parent=news_index, title="Eneste")

    response = staff_client.get(news_index.url, {"page": page})

    assert response.status_code == 200
    assert titles(response) == ["Eneste"]


def test_filter_by_topic(staff_client, news_index):
    school = TopicFactory(name="Skole", slug="skole")
    culture = TopicFactory(name="Kultur", slug="kultur")
    NewsPageFactory(parent=news_index, title="Om skolen", topics=[school])
    NewsPageFactory(parent=news_index, title="Om kultur", topics=[culture])
    NewsPageFactory(parent=news_index, title="Om begge", topics=[school, culture])

    response = staff_client.get(news_index.url, {"topic": "skole"})

    assert sorted(titles(response)) == ["Om begge", "Om skolen"]


def test_filter_by_sector_includes_its_units(staff_client, news_index):
    sector = UnitFactory(name="Helse og omsorg", slug="helse-og-omsorg")
    home_care = UnitFactory(
        name="Hjemmetjenesten", slug="hjemmetjenesten", parent=sector
    )
    schools = UnitFactory(name="Grunnskolene", slug="grunnskolene")
    NewsPageFactory(parent=news_index, title="Fra sektoren", unit=sector)
    NewsPageFactory(parent=news_index, title="Fra hjemmetjenesten", unit=home_care)
    NewsPageFactory(parent=news_index, title="Fra skolene", unit=schools)

    by_sector = staff_client.get(news_index.url, {"unit": "helse-og-omsorg"})
    by_unit = staff_client.get(news_index.url, {"unit": "hjemmetjenesten"})

    assert sorted(titles(by_sector)) == ["Fra hjemmetjenesten", "Fra sektoren"]
    assert titles(by_unit) == ["Fra hjemmetjenesten"]


def test_filter_by_year_offers_only_years_with_news(staff_client, news_index):
    NewsPageFactory(parent=news_index, title="I fjor", date=datetime.date(2025, 6, 1))
    NewsPageFactory(parent=news_index, title="I år", date=datetime.date(2026, 2, 1))

    response = staff_client.get(news_index.url, {"year": "2025"})

    assert titles(response) == ["I fjor"]
    content = response.content.decode()
    assert '<option value="2025" selected>2025</option>' in content
    assert '<option value="2026">2026</option>' in content
    assert '<option value="2024"' not in content


def test_the_year_filter_follows_publishing_at_once(staff_client, news_index):
    NewsPageFactory(parent=news_index, title="I år", date=datetime.date(2026, 2, 1))
    assert (
        '<option value="2024"' not in staff_client.get(news_index.url).content.decode()
    )

    old = NewsPageFactory(
        parent=news_index, title="Arkiv", date=datetime.date(2024, 5, 1)
    )
    assert '<option value="2024">' in staff_client.get(news_index.url).content.decode()

    old.unpublish()
    assert (
        '<option value="2024"' not in staff_client.get(news_index.url).content.decode()
    )


def test_filters_combine_and_can_find_nothing(staff_client, news_index):
    topic = TopicFactory(slug="kultur")
    UnitFactory(slug="grunnskolene")
    NewsPageFactory(parent=news_index, topics=[topic])

    response = staff_client.get(
        news_index.url, {"topic": "kultur", "unit": "grunnskolene"}
    )

    assert response.status_code == 200
    assert titles(response) == []
    assert "Ingen nyheter passer med disse filtrene." in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"topic": "finnes-ikke"},
        {"unit": "<script>"},
        {"year": "tjuetjueseks"},
        {"year": "99999999999999999999"},
        {"year": "1999"},
        {"topic": ["a", "b"], "year": "\x00"},
    ],
)
def test_an_invalid_filter_is_ignored_with_a_clear_message(
    staff_client, news_index, params
):
    NewsPageFactory(parent=news_index, title="Synlig", date=datetime.date(2026, 1, 1))

    response = staff_client.get(news_index.url, params)

    assert response.status_code == 200
    assert titles(response) == ["Synlig"]
    content = response.content.decode()
    assert "ble ignorert" in content
    assert "<script>" not in content.split("<main", 1)[1]


def test_drafts_and_private_articles_are_not_listed(staff_client, news_index):
    NewsPageFactory(parent=news_index, title="Publisert")
    NewsPageFactory(parent=news_index, title="Utkast", live=False)
    secret = NewsPageFactory(parent=news_index, title="Hemmelig")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.LOGIN
    )

    response = staff_client.get(news_index.url)

    assert titles(response) == ["Publisert"]


def test_listing_offers_feeds_for_the_chosen_topic_and_unit(staff_client, news_index):
    TopicFactory(name="Skole", slug="skole")
    UnitFactory(name="Barnehagene", slug="barnehagene")

    content = staff_client.get(
        news_index.url, {"topic": "skole", "unit": "barnehagene"}
    ).content.decode()

    assert 'href="/nyheter/feed/"' in content
    assert 'href="/nyheter/feed/emne/skole/"' in content
    assert 'href="/nyheter/feed/enhet/barnehagene/"' in content
    assert 'type="application/atom+xml"' in content


def make_articles(count: int, index) -> None:
    topics = [TopicFactory(slug=f"emne-{n}") for n in range(3)]
    units = [UnitFactory(slug=f"enhet-{n}") for n in range(3)]
    for n in range(count):
        NewsPageFactory(
            parent=index,
            unit=units[n % 3],
            topics=topics[: n % 3 + 1],
            with_image=n % 2 == 0,
            positioning_themes=["innovation"] if n % 4 == 0 else [],
            nomination_text="Et godt eksempel." if n % 4 == 0 else "",
        )


def count_listing_queries(client, index, django_assert_max_num_queries) -> int:
    params = {"unit": "enhet-1", "topic": "emne-1"}
    client.get(index.url, params)  # the first view makes the image renditions
    with django_assert_max_num_queries(40) as context:
        response = client.get(index.url, params)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_listing_query_count_does_not_grow_with_the_number_of_articles(
    staff_client, news_index, django_assert_max_num_queries
):
    make_articles(5, news_index)
    with_five = count_listing_queries(
        staff_client, news_index, django_assert_max_num_queries
    )
    make_articles(50, news_index)
    with_fifty = count_listing_queries(
        staff_client, news_index, django_assert_max_num_queries
    )

    assert with_fifty == with_five


def test_the_article_count_follows_publishing_and_unpublishing(
    staff_client, news_index
):
    topic = TopicFactory(slug="vei")
    first = NewsPageFactory(parent=news_index, title="Ny asfalt", topics=[topic])
    assert (
        "1 nyhet" in staff_client.get(news_index.url, {"topic": "vei"}).content.decode()
    )

    NewsPageFactory(parent=news_index, title="Brøyting", topics=[topic])
    after_publish = staff_client.get(news_index.url, {"topic": "vei"}).content.decode()
    first.unpublish()
    after_unpublish = staff_client.get(news_index.url).content.decode()

    assert "2 nyheter" in after_publish
    assert "1 nyhet" in after_unpublish
    assert "Ny asfalt" not in after_unpublish
