"""The annual plan stays the same size however full the municipality's plan is.

The year view lists the first activities of each month and counts the rest,
the month calendar the first of each day, the month list and the agenda are
paginated, and the filters take a typed case or person instead of listing
every case and every colleague.
"""

import datetime
import re

import pytest

from tests.factories.cases import CasePageFactory
from tests.factories.core import UnitFactory, UserFactory
from tests.factories.planning import ActivityFactory

pytestmark = pytest.mark.django_db
YEAR = 2027


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


def activity_links(html: str) -> list[str]:
    return re.findall(r'href="/arshjul/tiltak/(\d+)/"', html)


def fill_march(count: int, **fields) -> list:
    return [
        ActivityFactory(
            title=f"Mars {n:03d}",
            start_date=datetime.date(YEAR, 3, 1 + n % 28),
            **fields,
        )
        for n in range(count)
    ]


def test_the_year_view_lists_the_first_of_each_month_and_counts_all(owner_client):
    fill_march(11, status="done")
    ActivityFactory(title="Planlagt", start_date=datetime.date(YEAR, 3, 28))
    ActivityFactory(title="Budsjett", start_date=datetime.date(YEAR, 10, 14))

    response = owner_client.get(f"/arshjul/{YEAR}/?channel=website")

    march = response.context["months"][2]
    assert (march.total, march.done, march.more) == (12, 11, 4)
    assert [a.title for a in march.activities] == [
        "Mars 000",
        "Mars 001",
        "Mars 002",
        "Mars 003",
        "Mars 004",
        "Mars 005",
        "Mars 006",
        "Mars 007",
    ]
    assert [a.title for a in response.context["months"][9].activities] == ["Budsjett"]
    html = response.content.decode()
    assert f'<a href="/arshjul/{YEAR}/3/?channel=website">4 flere i mars</a>' in html
    assert "13 tiltak planlagt" in html
    assert "11 av 12 utført" in html


def test_the_month_calendar_lists_the_first_of_each_day_and_links_to_the_rest(
    owner_client,
):
    for n in range(5):
        ActivityFactory(title=f"Dag {n}", start_date=datetime.date(YEAR, 3, 4))
    ActivityFactory(
        title="Hele uka",
        start_date=datetime.date(YEAR, 2, 27),
        end_date=datetime.date(YEAR, 3, 5),
    )

    response = owner_client.get(f"/arshjul/{YEAR}/3/?audience=citizens")

    days = {
        cell.day.day: cell
        for week in response.context["weeks"]
        for cell in week
        if cell.in_month
    }
    assert [a.title for a in days[1].activities] == ["Hele uka"]
    assert [a.title for a in days[4].activities] == ["Hele uka", "Dag 0", "Dag 1"]
    assert (days[4].total, days[4].more) == (6, 3)
    assert [a.title for a in days[5].activities] == ["Hele uka"]
    assert days[6].total == 0
    html = response.content.decode()
    assert (
        f'href="/arshjul/agenda/?audience=citizens&amp;fra={YEAR}-03-04">'
        "3 flere den 4. mars</a>" in html
    )
    agenda = owner_client.get(f"/arshjul/agenda/?audience=citizens&fra={YEAR}-03-04")
    assert {a.title for a in agenda.context["activities"]} == {
        "Hele uka",
        *(f"Dag {n}" for n in range(5)),
    }


def test_the_month_list_is_paginated(owner_client):
    fill_march(60)

    first = owner_client.get(f"/arshjul/{YEAR}/3/")
    second = owner_client.get(f"/arshjul/{YEAR}/3/?side=2")
    beyond = owner_client.get(f"/arshjul/{YEAR}/3/?side=x")

    assert len(first.context["activities"]) == 50
    assert [a.title for a in second.context["activities"]][0] == "Mars 023"
    assert len(second.context["activities"]) == 10
    assert "Side 1 av 2" in first.content.decode()
    assert beyond.status_code == 200


@pytest.mark.parametrize(
    ("url", "bound"),
    [
        (f"/arshjul/{YEAR}/", 8),
        (f"/arshjul/{YEAR}/3/", 3 * 31 + 50),
        (f"/arshjul/agenda/?fra={YEAR}-03-01", 25),
    ],
)
def test_a_full_month_renders_a_bounded_page(owner_client, url, bound):
    fill_march(20)
    small = len(activity_links(owner_client.get(url).content.decode()))
    fill_march(280)
    large = owner_client.get(url).content.decode()

    assert small <= 20 * 2
    assert len(activity_links(large)) <= bound


def test_the_filters_list_neither_every_case_nor_every_colleague(
    owner_client, home_page
):
    def options() -> int:
        return owner_client.get(f"/arshjul/{YEAR}/").content.decode().count("<option")

    unit = UnitFactory()
    few = options()
    for n in range(30):
        UserFactory(username=f"kollega{n}")
        CasePageFactory(parent=home_page, title=f"Sak {n}", unit=unit)

    assert options() == few


def test_a_person_is_found_by_username_or_full_name(owner_client, owner, home_page):
    namesake = UserFactory(username="eva2", first_name="Eva", last_name="Eier")
    ActivityFactory(title="Mitt", start_date=datetime.date(YEAR, 5, 1), owners=[owner])
    ActivityFactory(
        title="Navnesøsterens", start_date=datetime.date(YEAR, 5, 2), owners=[namesake]
    )
    case = CasePageFactory(parent=home_page, title="Nytt bibliotek")
    ActivityFactory(title="Åpning", start_date=datetime.date(YEAR, 9, 4), case=case)

    def shown(query):
        response = owner_client.get(f"/arshjul/{YEAR}/?{query}")
        return sorted(a.title for m in response.context["months"] for a in m.activities)

    assert shown("owner=EIER") == ["Mitt"]
    assert shown("owner=eva2") == ["Navnesøsterens"]
    assert shown("case=bibliotek") == ["Åpning"]
    assert shown("case=nytt+bibliotek") == ["Åpning"]
    response = owner_client.get(f"/arshjul/{YEAR}/?owner=Eva+Eier")
    assert len(response.context["months"][4].activities) == 2  # ignored
    assert (
        "«Ansvarlig»: Flere personer har det navnet; skriv brukernavnet. "
        "Det ble ikke brukt." in response.content.decode()
    )
    assert 'value="Eva Eier"' in response.content.decode()


def test_names_of_several_words_and_odd_numbers_are_understood(owner_client):
    person = UserFactory(
        username="amb", first_name="Anne Marie", last_name="Berg Olsen"
    )
    ActivityFactory(
        title="Hennes", start_date=datetime.date(YEAR, 5, 1), owners=[person]
    )
    ActivityFactory(title="Andres", start_date=datetime.date(YEAR, 5, 2))

    named = owner_client.get(f"/arshjul/{YEAR}/?owner=anne+marie+berg+olsen")
    odd = owner_client.get(f"/arshjul/{YEAR}/?case=²&owner=½")

    assert [a.title for a in named.context["months"][4].activities] == ["Hennes"]
    assert odd.status_code == 200
    assert "Ukjent verdi for filteret «Sak»" in odd.content.decode()
    assert "Ukjent verdi for filteret «Ansvarlig»" in odd.content.decode()
