import pytest

from intranet.core.roles import COMMUNICATION, STAFF
from tests.factories.cases import CaseIndexPageFactory
from tests.factories.core import UserFactory


@pytest.fixture
def case_index(home_page):
    return CaseIndexPageFactory(parent=home_page, title="Saker", slug="saker")


@pytest.fixture
def owner(db):
    return UserFactory(username="eier", first_name="Eva", last_name="Eier")


@pytest.fixture
def other_staff(db):
    return UserFactory(username="kollega", first_name="Kim", last_name="Kollega")


@pytest.fixture
def team_member(db):
    return UserFactory(
        username="silje",
        first_name="Silje",
        last_name="Aas",
        groups=[STAFF, COMMUNICATION],
    )
