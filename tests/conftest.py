import pytest
from django.core.cache import cache
from wagtail.models import Site

from tests.factories.core import UserFactory

# The `untranslated` fixture for the admin-language tests.
pytest_plugins = ["tests.admin_language"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the transactional tests ``serial``.

    Such a test empties the database when it ends (the role groups and the site
    made by migrations too). Django runs these last; under pytest-xdist the
    order is the scheduler's, so `make test` runs them in a second, serial run.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (marker is not None and marker.kwargs.get("transaction")) or (
            {"transactional_db", "live_server"} & set(item.fixturenames)
        ):
            item.add_marker(pytest.mark.serial)


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
