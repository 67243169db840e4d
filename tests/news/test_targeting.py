"""Audience targeting: a story may name the units it is especially for. The
front page puts what is for the reader's unit first and marks it «For din
enhet»; «Bare for meg» narrows "Siste nytt" to it. Targeting never hides
anything from anyone else."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from tests.factories.cases import (
    CaseIndexPageFactory,
    CasePageFactory,
    CaseUpdatePageFactory,
    days_ago,
)
from tests.factories.core import UnitFactory, UserFactory
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db

FOR_YOUR_UNIT = "For din enhet"


@pytest.fixture
def sector(db):
    return UnitFactory(name="Helse og omsorg", slug="helse")


@pytest.fixture
def home_care(sector):
    return UnitFactory(name="Hjemmetjenesten", slug="hjemmetjenesten", parent=sector)


@pytest.fixture
def case_index(home_page):
    return CaseIndexPageFactory(parent=home_page, title="Saker", slug="saker")


@pytest.fixture
def school(db):
    return UnitFactory(name="Skolen", slug="skolen")


def member_of(unit, username: str):
    user = UserFactory(username=username)
    user.profile.unit = unit
    user.profile.save()
    return user


def article(title: str, days: int = 0, units=(), **kwargs):
    page = NewsPageFactory(
        title=title,
        date=datetime.date.today() - datetime.timedelta(days=days),
        **kwargs,
    )
    if units:
        page.target_units.set(units)
        page.save()
    return page


def latest(client) -> list[tuple[str, bool]]:
    response = client.get("/")
    assert response.status_code == 200
    return [
        (story.title, getattr(story, "for_reader", False))
        for story in response.context["latest_news"]
    ]


def test_news_for_the_readers_unit_comes_first_and_is_marked(client, home_care):
    article("Ny kantine", days=0)
    article("Nye rutiner for hjemmebesøk", days=3, units=[home_care])
    article("Brannøvelse", days=1)
    client.force_login(member_of(home_care, "nina"))

    assert latest(client) == [
        ("Nye rutiner for hjemmebesøk", True),
        ("Ny kantine", False),
        ("Brannøvelse", False),
    ]
    assert FOR_YOUR_UNIT in client.get("/").content.decode()


def test_news_for_a_sector_is_for_every_unit_in_it(client, sector, home_care):
    article("Ny kantine", days=0)
    article("Influensavaksine for helsesektoren", days=2, units=[sector])
    client.force_login(member_of(home_care, "nina"))

    assert latest(client)[0] == ("Influensavaksine for helsesektoren", True)


def test_targeting_hides_nothing_from_others(client, home_care, school):
    article("Ny kantine", days=0)
    article("Nye rutiner for hjemmebesøk", days=3, units=[home_care])
    client.force_login(member_of(school, "lars"))

    # In its usual place by date, without the mark.
    assert latest(client) == [
        ("Ny kantine", False),
        ("Nye rutiner for hjemmebesøk", False),
    ]
    assert FOR_YOUR_UNIT not in client.get("/").content.decode()


def test_each_unit_sees_its_own_list_though_the_section_is_cached(
    client, home_care, school
):
    article("Ny kantine", days=0)
    article("Nye rutiner for hjemmebesøk", days=3, units=[home_care])
    article("Skolestart", days=4, units=[school])
    nurse = member_of(home_care, "nina")
    teacher = member_of(school, "lars")

    client.force_login(nurse)
    client.get("/")  # fills the cache for the nurse's unit
    client.force_login(teacher)
    body = client.get("/").content.decode()

    assert body.index("Skolestart") < body.index("Ny kantine")
    assert body.index("Ny kantine") < body.index("Nye rutiner for hjemmebesøk")


def test_old_news_for_the_unit_keeps_its_place(client, home_care):
    article("Ny kantine", days=0)
    article("Rutiner fra i fjor", days=40, units=[home_care])
    client.force_login(member_of(home_care, "nina"))

    assert latest(client) == [("Ny kantine", False), ("Rutiner fra i fjor", False)]


def test_news_for_the_unit_takes_at_most_half_of_the_list(client, home_care):
    for number in range(6):
        article(f"Felles {number}", days=0)
    for number in range(5):
        article(f"For hjemmetjenesten {number}", days=1, units=[home_care])
    client.force_login(member_of(home_care, "nina"))

    shown = latest(client)

    assert len(shown) == 6
    assert [marked for _, marked in shown] == [True, True, True, False, False, False]
    assert [title for title, _ in shown[3:]] == ["Felles 5", "Felles 4", "Felles 3"]


def test_only_for_me_shows_just_the_news_for_the_readers_unit(client, home_care):
    article("Ny kantine", days=0)
    article("Rutiner fra i fjor", days=40, units=[home_care])
    article("Nye rutiner for hjemmebesøk", days=3, units=[home_care])
    client.force_login(member_of(home_care, "nina"))

    response = client.get("/?bare=meg")

    assert [story.title for story in response.context["latest_news"]] == [
        "Nye rutiner for hjemmebesøk",
        "Rutiner fra i fjor",
    ]
    body = response.content.decode()
    assert "Viser bare nyheter for din enhet." in body
    assert 'href="/#home-latest"' in body
    # And back to everything.
    assert [title for title, _ in latest(client)][0] == "Nye rutiner for hjemmebesøk"
    assert 'href="/?bare=meg#home-latest"' in client.get("/").content.decode()


def test_only_for_me_with_nothing_for_the_unit_says_so(client, school):
    article("Ny kantine", days=0)
    client.force_login(member_of(school, "lars"))

    body = client.get("/?bare=meg").content.decode()

    assert "Ingen nyheter er merket for din enhet eller sektor ennå." in body
    assert "Ny kantine" not in body


def test_someone_without_a_unit_gets_no_switch(client, home_care):
    article("Nye rutiner for hjemmebesøk", days=3, units=[home_care])
    client.force_login(UserFactory(username="vikar"))

    assert latest(client) == [("Nye rutiner for hjemmebesøk", False)]
    assert "?bare=meg" not in client.get("/").content.decode()


def test_targeted_news_under_a_restriction_stays_hidden(client, home_care):
    private = article("Lønnsforhandlinger", days=1, units=[home_care])
    # The front page lists only what everyone logged in may see.
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    article("Ny kantine", days=0)
    client.force_login(member_of(home_care, "nina"))

    assert latest(client) == [("Ny kantine", False)]
    assert [s.title for s in client.get("/?bare=meg").context["latest_news"]] == []


def test_case_updates_for_the_readers_unit_come_first(client, home_care, case_index):
    case = CasePageFactory(parent=case_index, title="Velferdsteknologi")
    CaseUpdatePageFactory(
        parent=case, title="Nytt fra i dag", publication_date=days_ago(0)
    )
    targeted = CaseUpdatePageFactory(
        parent=case, title="Opplæring for hjemmetjenesten", publication_date=days_ago(5)
    )
    targeted.target_units.set([home_care])
    targeted.save()
    client.force_login(member_of(home_care, "nina"))

    updates = client.get("/").context["latest_case_updates"]

    assert [(u.title, getattr(u, "for_reader", False)) for u in updates] == [
        ("Opplæring for hjemmetjenesten", True),
        ("Nytt fra i dag", False),
    ]
