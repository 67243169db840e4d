import os
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.utils import timezone

from cases.models import CasePage, CaseUpdatePage
from intranet.core.models import Topic, Unit
from intranet.core.roles import COMMUNICATION, EDITORS, STAFF
from news.models import NewsPage
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


# Real pages -----------------------------------------------------------------
# Pages are created and published through the news and cases services, which
# publish revisions, so Wagtail's page signals (and with them the indexing)
# run exactly as when someone publishes in the editor.


@pytest.fixture
def news_index(home_page):
    from news import services

    return services.news_index_create(parent=home_page, title="Nyheter", slug="nyheter")


@pytest.fixture
def case_index(home_page):
    from tests.factories.cases import CaseIndexPageFactory

    return CaseIndexPageFactory(parent=home_page, title="Saker", slug="saker")


@pytest.fixture
def sector(db):
    return Unit.objects.create(name="Oppvekst og utdanning", slug="oppvekst")


@pytest.fixture
def unit(sector):
    return Unit.objects.create(name="Barnehagene", slug="barnehagene", parent=sector)


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Barnehage", slug="barnehage")


@pytest.fixture
def owner(db):
    return UserFactory(username="eva.eier", first_name="Eva", last_name="Eier")


@pytest.fixture
def co_owner(db):
    return UserFactory(username="mons.medeier", first_name="Mons", last_name="Medeier")


@pytest.fixture
def author(db):
    return UserFactory(
        username="hilde.strand",
        first_name="Hilde",
        last_name="Strand",
        groups=[STAFF, EDITORS],
    )


@pytest.fixture
def make_article(news_index, author):
    """Publish (or, with ``publish=False``, draft) a news article."""
    from news import services

    def make_article(title: str, **fields) -> NewsPage:
        fields.setdefault("intro", "Nytt fra kommunen.")
        fields.setdefault("owner", author)
        return services.news_article_create(index=news_index, title=title, **fields)

    return make_article


@pytest.fixture
def make_case(case_index, owner, co_owner, unit):
    """Publish (or draft) a case with a complete communication assessment."""
    from cases import services

    def make_case(title: str, **fields) -> CasePage:
        fields.setdefault("owners", [owner, co_owner])
        fields.setdefault("summary", "En sak vi jobber med i kommunen.")
        fields.setdefault("unit", unit)
        fields.setdefault("communication_need", "none")
        return services.case_create(index=case_index, title=title, **fields)

    return make_case


@pytest.fixture
def make_update(owner):
    """Publish (or draft) an update under a case."""
    from cases import services

    def make_update(case: CasePage, title: str, **fields) -> CaseUpdatePage:
        fields.setdefault("intro", "Dette har skjedd siden sist.")
        fields.setdefault("author", owner)
        fields.setdefault("publication_date", timezone.now())
        return services.case_update_create(case=case, title=title, **fields)

    return make_update
