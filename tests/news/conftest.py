import pytest

from intranet.core.roles import EDITORS, STAFF
from news import services
from tests.factories.core import UserFactory


@pytest.fixture
def news_index(home_page):
    """The news index as an administrator would make it: open to the editors."""
    return services.news_index_create(parent=home_page, title="Nyheter", slug="nyheter")


@pytest.fixture
def editor(db):
    return UserFactory(username="redaktor", first_name="Hilde", groups=[STAFF, EDITORS])


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
