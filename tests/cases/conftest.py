import pytest

from intranet.core.roles import COMMUNICATION, STAFF
from tests.factories.cases import (
    CaseIndexPageFactory,
    CasePageFactory,
    CaseUpdatePageFactory,
)
from tests.factories.core import UserFactory


@pytest.fixture
def case_index(home_page):
    return CaseIndexPageFactory(parent=home_page, title="Saker", slug="saker")


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
def case(case_index, owner, co_owner):
    return CasePageFactory(
        parent=case_index,
        title="Digital hjemmetjeneste",
        slug="digital-hjemmetjeneste",
        owners=[owner, co_owner],
    )


@pytest.fixture
def update(case, owner):
    return CaseUpdatePageFactory(
        parent=case, title="Første oppdatering", slug="forste", owner=owner
    )
