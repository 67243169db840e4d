import datetime

import pytest
from django.utils import timezone

from cases import services as case_services
from cases.models import CasePage
from intranet.core.roles import COMMUNICATION, EDITORS, STAFF
from news import services as news_services
from tests.factories.cases import CaseIndexPageFactory
from tests.factories.core import UnitFactory, UserFactory


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def unit(db):
    return UnitFactory(name="Helse og omsorg", slug="helse-og-omsorg")


@pytest.fixture
def owner(db):
    return UserFactory(username="eier", first_name="Eva", last_name="Eier")


@pytest.fixture
def co_owner(db):
    return UserFactory(username="medeier", first_name="Mons", last_name="Medeier")


@pytest.fixture
def other_staff(db):
    return UserFactory(username="kollega", first_name="Kim", last_name="Kollega")


@pytest.fixture
def communication_member(db):
    return UserFactory(username="kommunikasjon", groups=[STAFF, COMMUNICATION])


@pytest.fixture
def editor(db):
    return UserFactory(
        username="redaktor",
        first_name="Hilde",
        last_name="Strand",
        groups=[STAFF, EDITORS],
    )


@pytest.fixture
def case_index(home_page):
    return CaseIndexPageFactory(parent=home_page, title="Saker", slug="saker")


@pytest.fixture
def news_index(home_page):
    return news_services.news_index_create(
        parent=home_page, title="Nyheter", slug="nyheter"
    )


@pytest.fixture
def make_case(case_index, owner, co_owner, unit):
    """Publish a case whose last activity was `quiet_days` ago."""

    def make_case(title: str, *, quiet_days: int = 0, **fields) -> CasePage:
        fields.setdefault("owners", [owner, co_owner])
        fields.setdefault("summary", "En sak vi jobber med i kommunen.")
        fields.setdefault("unit", unit)
        fields.setdefault("communication_need", "none")
        fields.setdefault("status", "ongoing")
        case = case_services.case_create(index=case_index, title=title, **fields)
        when = days_ago(quiet_days)
        CasePage.objects.filter(pk=case.pk).update(
            first_published_at=when, last_activity_at=when
        )
        case.refresh_from_db()
        return case

    return make_case


@pytest.fixture
def make_article(news_index, editor, unit):
    """Publish an article last published `age_days` ago, written by the editor."""

    def make_article(title: str, *, age_days: int = 0, **fields):
        fields.setdefault("intro", "Nytt fra kommunen.")
        fields.setdefault("owner", editor)
        fields.setdefault("unit", unit)
        fields.setdefault("date", timezone.localdate(days_ago(age_days)))
        return news_services.news_article_create(
            index=news_index, title=title, **fields
        )

    return make_article
