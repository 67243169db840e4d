import pytest

from intranet.core.roles import COMMUNICATION, STAFF
from tests.factories.cases import CaseIndexPageFactory, CasePageFactory
from tests.factories.core import UserFactory
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory


@pytest.fixture
def author(db):
    return UserFactory(username="hilde.strand", first_name="Hilde", last_name="Strand")


@pytest.fixture
def colleague(db):
    return UserFactory(
        username="kari.nordmann", first_name="Kari", last_name="Nordmann"
    )


@pytest.fixture
def other(db):
    return UserFactory(username="ola.hansen", first_name="Ola", last_name="Hansen")


@pytest.fixture
def communication(db):
    return UserFactory(username="silje.aas", groups=[STAFF, COMMUNICATION])


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


@pytest.fixture
def article(news_index, author):
    return NewsPageFactory(
        parent=news_index, title="Ny turvei langs elva", slug="turvei", owner=author
    )


@pytest.fixture
def case_owner(db):
    return UserFactory(username="eva.eier", first_name="Eva", last_name="Eier")


@pytest.fixture
def case(home_page, case_owner):
    index = CaseIndexPageFactory(parent=home_page, slug="saker")
    return CasePageFactory(
        parent=index, title="Digital hjemmetjeneste", owners=[case_owner]
    )


@pytest.fixture
def colleague_client(client, colleague):
    client.force_login(colleague)
    return client
