import pytest

from intranet.core.roles import COMMUNICATION, EDITORS, STAFF
from tests.factories.core import UserFactory


@pytest.fixture
def team_member(db):
    return UserFactory(
        username="kommunikasjon",
        first_name="Kim",
        last_name="Kommunikator",
        email="kim@kommune.invalid",
        groups=[STAFF, COMMUNICATION],
    )


@pytest.fixture
def team_client(client, team_member):
    client.force_login(team_member)
    return client


@pytest.fixture
def editor(db):
    return UserFactory(username="redaktor", groups=[STAFF, EDITORS])
