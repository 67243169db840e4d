import datetime

import pytest
from django.utils import timezone

from intranet.core.models import StaffProfile
from intranet.core.roles import COMMUNICATION, EDITORS, STAFF
from news import services as news_services
from tests.factories.core import UnitFactory, UserFactory
from tests.factories.news import NewsPageFactory


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def place(user, unit):
    StaffProfile.objects.filter(user=user).update(unit=unit)
    return user


@pytest.fixture
def news_index(home_page):
    return news_services.news_index_create(
        parent=home_page, title="Nyheter", slug="nyheter"
    )


@pytest.fixture
def health(db):
    return UnitFactory(name="Helse og omsorg", slug="helse")


@pytest.fixture
def home_care(health):
    return UnitFactory(name="Hjemmetjenesten", slug="hjemmetjenesten", parent=health)


@pytest.fixture
def nursing_home(health):
    return UnitFactory(name="Sykehjemmet", slug="sykehjemmet", parent=health)


@pytest.fixture
def schools(db):
    return UnitFactory(name="Oppvekst", slug="oppvekst")


@pytest.fixture
def school(schools):
    return UnitFactory(name="Bjørkelund skole", slug="bjorkelund", parent=schools)


@pytest.fixture
def make_person(db):
    def make(username: str, unit=None, **kwargs):
        return place(UserFactory(username=username, **kwargs), unit)

    return make


@pytest.fixture
def editor(make_person):
    return make_person(
        "redaktor", first_name="Hilde", last_name="Redaktør", groups=[STAFF, EDITORS]
    )


@pytest.fixture
def team(make_person):
    return make_person(
        "kommunikasjon",
        first_name="Tone",
        last_name="Kommunikasjon",
        groups=[STAFF, COMMUNICATION],
    )


@pytest.fixture
def nurse(make_person, home_care):
    return make_person("sykepleier", home_care, first_name="Siri", last_name="Pleie")


@pytest.fixture
def carer(make_person, nursing_home):
    return make_person("omsorg", nursing_home, first_name="Ola", last_name="Omsorg")


@pytest.fixture
def teacher(make_person, school):
    return make_person("laerer", school, first_name="Lise", last_name="Lærer")


@pytest.fixture
def make_must_read(news_index, editor):
    """A live article that must be read by the given audience."""

    def make(title="Ny rutine for avvik", *, until=None, everyone=False, units=()):
        article = NewsPageFactory(parent=news_index, title=title, owner=editor)
        article.must_read_until = until or in_days(7)
        article.must_read_everyone = everyone
        article.must_read_units.set(units)
        article.save()
        return article

    return make
