import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from wagtail.models import PageViewRestriction

from intranet.core.services import content_version_bump
from tests.factories.cases import (
    CaseIndexPageFactory,
    CasePageFactory,
    CaseUpdatePageFactory,
    days_ago,
)
from tests.factories.core import TopicFactory, UnitFactory
from tests.factories.news import ImageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 10)
OSLO = ZoneInfo("Europe/Oslo")


def oslo(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=OSLO)


def section_titles(response, name: str) -> list[str]:
    return [article.title for article in response.context[name]]


@time_machine.travel(oslo(2026, 3, 10, 12, 0), tick=False)
def test_important_news_is_pinned_until_its_last_day(staff_client, news_index):
    NewsPageFactory(
        parent=news_index,
        title="Vaksinering",
        date=datetime.date(2026, 3, 1),
        important=True,
        important_until=datetime.date(2026, 3, 12),
    )
    NewsPageFactory(parent=news_index, title="Ny kantine", date=TODAY)

    assert section_titles(staff_client.get("/"), "pinned_news") == ["Vaksinering"]
    content = staff_client.get("/").content.decode()
    assert "Viktig nå" in content

    with time_machine.travel(oslo(2026, 3, 12, 23, 30), tick=False):
        assert section_titles(staff_client.get("/"), "pinned_news") == ["Vaksinering"]

    with time_machine.travel(oslo(2026, 3, 13, 0, 5), tick=False):
        response = staff_client.get("/")
        assert section_titles(response, "pinned_news") == []
        assert "Viktig nå" not in response.content.decode()
        # Still news, just no longer pinned.
        assert section_titles(response, "latest_news") == ["Ny kantine", "Vaksinering"]


@time_machine.travel(oslo(2026, 3, 10, 12, 0), tick=False)
def test_pinned_news_is_not_repeated_among_the_latest(staff_client, news_index):
    NewsPageFactory(
        parent=news_index,
        title="Viktig",
        important=True,
        important_until=datetime.date(2026, 3, 20),
    )
    NewsPageFactory(parent=news_index, title="Vanlig")

    response = staff_client.get("/")

    assert section_titles(response, "pinned_news") == ["Viktig"]
    assert section_titles(response, "latest_news") == ["Vanlig"]


def test_an_important_flag_without_a_future_day_does_not_pin(staff_client, news_index):
    NewsPageFactory(
        parent=news_index,
        title="Gammel viktig",
        important=True,
        important_until=datetime.date(2020, 1, 1),
    )
    NewsPageFactory(parent=news_index, title="Ikke viktig", important=False)

    assert section_titles(staff_client.get("/"), "pinned_news") == []


def test_latest_news_is_the_six_newest(staff_client, news_index):
    for day in range(1, 9):
        NewsPageFactory(
            parent=news_index, title=f"Dag {day}", date=datetime.date(2026, 1, day)
        )

    response = staff_client.get("/")

    assert section_titles(response, "latest_news") == [
        f"Dag {day}" for day in range(8, 2, -1)
    ]
    assert 'href="/nyheter/">Alle nyheter</a>' in response.content.decode()


def test_we_show_it_strip_has_only_positioning_stories(staff_client, news_index):
    NewsPageFactory(
        parent=news_index,
        title="Digitalt tilsyn",
        positioning_themes=["innovation"],
        nomination_text="Først i regionen.",
    )
    NewsPageFactory(
        parent=news_index,
        title="Videreutdanning",
        positioning_themes=["competence"],
        nomination_text="Mange lærere samtidig.",
    )
    NewsPageFactory(parent=news_index, title="Ny kantine")

    response = staff_client.get("/")

    assert sorted(section_titles(response, "positioning_stories")) == [
        "Digitalt tilsyn",
        "Videreutdanning",
    ]
    content = response.content.decode()
    assert "Vi viser det" in content
    # The theme is said in words, not only by the badge colour.
    assert '<span class="badge badge--innovation">Nyskaping</span>' in content


def test_front_page_without_news_says_so_and_hides_empty_sections(staff_client):
    response = staff_client.get("/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Ingen nyheter er publisert ennå." in content
    assert "Viktig nå" not in content
    assert 'id="home-positioning"' not in content  # the "Vi viser det" strip


def test_for_you_invites_people_who_have_nothing_yet_to_follow_something(
    staff_client, news_index
):
    NewsPageFactory(parent=news_index)

    content = staff_client.get("/").content.decode()

    assert "For deg" in content
    assert "Ikke noe nytt for deg ennå." in content


def test_front_page_leaves_out_drafts_and_private_news(staff_client, news_index):
    NewsPageFactory(parent=news_index, title="Publisert")
    NewsPageFactory(parent=news_index, title="Utkast", live=False)
    secret = NewsPageFactory(
        parent=news_index,
        title="Hemmelig",
        positioning_themes=["innovation"],
        nomination_text="Hemmelig nyskaping.",
    )
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.LOGIN
    )

    response = staff_client.get("/")

    assert section_titles(response, "latest_news") == ["Publisert"]
    assert section_titles(response, "positioning_stories") == []


def make_front_page_news(count: int, index) -> None:
    topic = TopicFactory(slug="emne")
    unit = UnitFactory(slug="enhet")
    for n in range(count):
        NewsPageFactory(
            parent=index,
            unit=unit,
            topics=[topic],
            with_image=n % 2 == 0,
            important=n % 5 == 0,
            important_until=datetime.date(2099, 1, 1) if n % 5 == 0 else None,
            positioning_themes=["competence"] if n % 3 == 0 else [],
            nomination_text="Et godt eksempel." if n % 3 == 0 else "",
        )


def make_case_updates(count: int, home_page) -> None:
    index = CaseIndexPageFactory(parent=home_page)
    unit = UnitFactory(slug="enhet")
    for n in range(count):
        case = CasePageFactory(parent=index, unit=unit)
        CaseUpdatePageFactory(
            parent=case,
            unit=unit,
            hero_image=ImageFactory() if n % 2 == 0 else None,
            hero_image_alt="Et bilde" if n % 2 == 0 else "",
            positioning_themes=["innovation"] if n % 3 == 0 else [],
            nomination_text="Nytt i landet." if n % 3 == 0 else "",
        )


def uncached_front_page(client, django_assert_max_num_queries):
    """A front page whose story lists are read again, and its queries."""
    client.get("/")  # the first view makes the image renditions
    content_version_bump()  # as after an edit: the story lists are read again
    # A ceiling, not a target: 44 on SQLite (the content version is one, and
    # each list that applies view restrictions reads them first).
    with django_assert_max_num_queries(44) as context:
        response = client.get("/")
    assert response.status_code == 200
    return response, context.captured_queries


def count_front_page_queries(client, django_assert_max_num_queries) -> int:
    return len(uncached_front_page(client, django_assert_max_num_queries)[1])


def test_front_page_query_count_does_not_grow_with_the_number_of_articles(
    staff_client, news_index, home_page, django_assert_max_num_queries
):
    make_front_page_news(5, news_index)
    make_case_updates(5, home_page)
    with_five = count_front_page_queries(staff_client, django_assert_max_num_queries)
    make_front_page_news(50, news_index)
    make_case_updates(50, home_page)
    with_fifty = count_front_page_queries(staff_client, django_assert_max_num_queries)

    # Not more; fewer when a list's cards happen to carry no picture (the
    # pictures are read for the cards rendered, two queries per kind).
    assert with_fifty <= with_five


def test_a_cached_front_page_does_not_read_the_stories_again(
    staff_client, news_index, home_page, django_assert_max_num_queries
):
    make_front_page_news(5, news_index)
    make_case_updates(5, home_page)
    first, first_queries = uncached_front_page(
        staff_client, django_assert_max_num_queries
    )
    first_cards = first.content.decode().count("news-card__title")

    with django_assert_max_num_queries(44) as again:
        cards = staff_client.get("/").content.decode().count("news-card__title")

    assert cards == first_cards > 0
    story_tables = ("news_newspage", "cases_caseupdatepage")
    assert not [
        query["sql"]
        for query in again.captured_queries
        if any(table in query["sql"] for table in story_tables)
    ]
    assert len(again.captured_queries) <= len(first_queries) - 10


def test_front_page_shows_changes_to_stories_at_once(staff_client, news_index):
    old = NewsPageFactory(parent=news_index, title="Ny kantine", date=days_ago(3))
    assert "Ny kantine" in staff_client.get("/").content.decode()

    NewsPageFactory(parent=news_index, title="Nytt vaktsystem", date=days_ago(1))
    content = staff_client.get("/").content.decode()
    assert "Nytt vaktsystem" in content

    old.title = "Kantinen åpner mandag"
    old.save_revision().publish()
    content = staff_client.get("/").content.decode()
    assert "Kantinen åpner mandag" in content
    assert "Ny kantine" not in content

    old.unpublish()
    assert "Kantinen åpner mandag" not in staff_client.get("/").content.decode()


def test_front_page_hides_a_story_as_soon_as_it_is_made_private(
    staff_client, news_index
):
    article = NewsPageFactory(parent=news_index, title="Omorganisering")
    assert "Omorganisering" in staff_client.get("/").content.decode()

    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.LOGIN
    )

    assert "Omorganisering" not in staff_client.get("/").content.decode()


def test_front_page_shows_a_renamed_unit_at_once(staff_client, news_index):
    unit = UnitFactory(name="Hjemmetjenesten")
    NewsPageFactory(parent=news_index, title="Ny kantine", unit=unit)
    assert "Hjemmetjenesten" in staff_client.get("/").content.decode()

    unit.name = "Hjemmebaserte tjenester"
    unit.save()

    assert "Hjemmebaserte tjenester" in staff_client.get("/").content.decode()


def test_front_page_shows_the_newest_case_updates_with_their_case(
    staff_client, home_page
):
    index = CaseIndexPageFactory(parent=home_page)
    case = CasePageFactory(parent=index, title="Digitalt tilsyn i hjemmetjenesten")
    for days in range(8):
        CaseUpdatePageFactory(
            parent=case, title=f"Uke {8 - days}", publication_date=days_ago(days * 7)
        )
    CaseUpdatePageFactory(parent=case, title="Utkast", live=False)

    response = staff_client.get("/")

    assert section_titles(response, "latest_case_updates") == [
        f"Uke {week}" for week in range(8, 2, -1)
    ]
    content = response.content.decode()
    assert "Siste fra sakene" in content
    assert "Digitalt tilsyn i hjemmetjenesten" in content


def test_we_show_it_strip_mixes_news_and_case_updates_newest_first(
    staff_client, news_index, home_page
):
    case = CasePageFactory(parent=CaseIndexPageFactory(parent=home_page))
    for title, days in [("Sak nyest", 1), ("Sak eldst", 30)]:
        CaseUpdatePageFactory(
            parent=case,
            title=title,
            publication_date=days_ago(days),
            positioning_themes=["innovation"],
            nomination_text="Først i landet.",
        )
    for title, days in [("Nyhet", 10), ("Nyhet eldre", 20), ("Nyhet eldst", 40)]:
        NewsPageFactory(
            parent=news_index,
            title=title,
            date=days_ago(days).date(),
            positioning_themes=["competence"],
            nomination_text="Godt eksempel.",
        )

    response = staff_client.get("/")

    assert section_titles(response, "positioning_stories") == [
        "Sak nyest",
        "Nyhet",
        "Nyhet eldre",
        "Sak eldst",
    ]
