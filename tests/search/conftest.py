import os
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from intranet.core.roles import COMMUNICATION
from search.backends.database import DatabaseBackend
from tests.factories.core import UserFactory


def elasticsearch_or_skip():
    """A live Elasticsearch backend on a throwaway index, or skip with the reason."""
    url = os.environ.get("ELASTICSEARCH_URL", "")
    required = bool(os.environ.get("REQUIRE_ELASTICSEARCH"))
    if not url:
        if required:
            pytest.fail("make test-elasticsearch ran without ELASTICSEARCH_URL")
        pytest.skip(
            "No Elasticsearch: set ELASTICSEARCH_URL (e.g. http://127.0.0.1:9200) "
            "and run `make test-elasticsearch`"
        )
    from search.backends.elasticsearch import ElasticsearchBackend

    backend = ElasticsearchBackend(
        url=url, index=f"intranet-test-{uuid.uuid4().hex[:10]}", timeout=30
    )
    try:
        backend.client.info()
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        if required:
            pytest.fail(f"Elasticsearch at {url} is not reachable: {exc}")
        pytest.skip(f"Elasticsearch at {url} is not reachable: {exc}")
    return backend


@pytest.fixture(
    params=[
        "database",
        pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
    ]
)
def backend(request, db):
    """Each contract test runs on every engine that is reachable."""
    if request.param == "database":
        yield DatabaseBackend()
        return
    backend = elasticsearch_or_skip()
    yield backend
    backend.drop()


@pytest.fixture
def put(backend):
    """Index documents and make them searchable at once."""

    def put(*documents):
        backend.index(list(documents))
        backend.refresh()
        return documents

    return put


@pytest.fixture
def communication_user(db):
    return UserFactory(username="silje", groups=[COMMUNICATION])


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def communication_group(db):
    return Group.objects.get(name=COMMUNICATION)


@pytest.fixture(autouse=True)
def _database_search_by_default(settings):
    """Tests choose their engine explicitly, whatever the developer's .env says."""
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_BACKEND = ""
