import pytest
from django.core.cache import cache
from wagtail.models import Site

from tests.factories.core import UserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated files go to a throwaway folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: database ids and content versions
    repeat between tests, so cached renditions or fragments would leak across."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home_page(db):
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def staff_user(db):
    return UserFactory(username="kari")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client
