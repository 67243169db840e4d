import pytest
from django.core.cache import cache

from intranet.core.roles import EDITORS, STAFF
from news import services
from tests.factories.core import UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches renditions by image id, and ids repeat between tests."""
    cache.clear()
    yield
    cache.clear()


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
