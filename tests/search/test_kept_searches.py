"""A broad search (more matches than MANY_HITS) is kept until the index or
the content changes: asked again, it reads no index table; whatever a page's
publish, unpublish, restriction or an uploaded document changes shows at the
next search."""

import datetime

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction

from intranet.core.roles import COMMUNICATION
from search.backends import database as database_module
from search.backends import kept
from search.backends.database import DatabaseBackend
from search.query import SearchQuery
from tests.factories.core import UserFactory
from tests.factories.search import make_document

pytestmark = pytest.mark.django_db

MANY = 3


@pytest.fixture(autouse=True)
def few_are_many(monkeypatch):
    monkeypatch.setattr(database_module, "MANY_HITS", MANY)


def index_reads(run) -> tuple[object, int]:
    """``run()``'s result and how many queries it sent to the search index."""
    with CaptureQueriesContext(connection) as queries:
        result = run()
    return result, sum("search_indexentry" in query["sql"] for query in queries)


def restrict(page, group) -> None:
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    ).groups.set([group])


def titles(client, text: str) -> str:
    response = client.get("/sok/", {"q": text})
    assert response.status_code == 200
    return response.content.decode()


def test_a_broad_search_asked_again_reads_no_index(staff_user):
    backend = DatabaseBackend()
    backend.index(
        [make_document(title=f"Vintervedlikehold {n}") for n in range(MANY + 2)]
    )
    query = SearchQuery(text="vintervedlikehold")

    first, first_reads = index_reads(lambda: backend.search(query, staff_user))
    again, again_reads = index_reads(lambda: backend.search(query, staff_user))

    assert first.capped == MANY and first_reads > 0
    assert again_reads == 0
    assert [hit.document.id for hit in again.hits] == [
        hit.document.id for hit in first.hits
    ]
    assert again.total == first.total and again.facets == first.facets


def test_a_narrow_search_is_read_anew_each_time(staff_user):
    backend = DatabaseBackend()
    backend.index([make_document(title="Snøbrøyting i sentrum")])
    query = SearchQuery(text="snøbrøyting")

    backend.search(query, staff_user)
    _results, reads = index_reads(lambda: backend.search(query, staff_user))

    assert reads > 0


def test_a_document_written_or_removed_shows_at_the_next_search(staff_user):
    backend = DatabaseBackend()
    backend.index(
        [make_document(id=10 + n, title="Strøing av fortau") for n in range(4)]
    )
    query = SearchQuery(text="strøing", sort="newest")
    assert backend.search(query, staff_user).capped == MANY

    newest = make_document(id=99, title="Strøing av fortau i dag")
    newest.published = newest.published.replace(year=2026)
    backend.index([newest])
    assert backend.search(query, staff_user).hits[0].document.id == 99

    backend.remove([99])
    assert 99 not in [hit.document.id for hit in backend.search(query, staff_user).hits]


def test_a_lost_generation_is_never_an_earlier_one():
    before = kept.index_generation()
    cache.clear()

    assert kept.index_generation() > before


@override_settings(SEARCH_RESULTS_SECONDS=0)
def test_nothing_is_kept_when_the_setting_says_so(staff_user):
    backend = DatabaseBackend()
    backend.index([make_document(title=f"Feiing {n}") for n in range(MANY + 1)])
    query = SearchQuery(text="feiing")

    backend.search(query, staff_user)
    _results, reads = index_reads(lambda: backend.search(query, staff_user))

    assert reads > 0


def test_a_published_and_an_unpublished_article_show_at_once(
    staff_client, make_article
):
    for n in range(MANY + 1):
        make_article(f"Kantinemeny uke {n}")
    assert "uke 2" in titles(staff_client, "kantinemeny")

    fresh = make_article("Kantinemeny for julebordet")
    assert "for julebordet" in titles(staff_client, "kantinemeny")

    fresh.unpublish()
    assert "for julebordet" not in titles(staff_client, "kantinemeny")


def test_a_search_kept_for_the_team_is_not_shown_to_others(
    client, make_article, communication_group
):
    for n in range(MANY + 1):
        make_article(f"Beredskapsøvelse {n}")
    restrict(
        make_article("Beredskapsøvelse: pressemelding under embargo"),
        communication_group,
    )

    client.force_login(UserFactory(username="innenfor", groups=[COMMUNICATION]))
    assert "pressemelding under embargo" in titles(client, "beredskapsøvelse")

    client.force_login(UserFactory(username="utenfor"))
    assert "pressemelding under embargo" not in titles(client, "beredskapsøvelse")


def test_a_restriction_added_after_a_search_was_kept_hides_the_page(
    staff_client, make_article, communication_group
):
    for n in range(MANY + 1):
        make_article(f"Budsjettmøte {n}")
    plan = make_article("Budsjettmøte: forslag til kutt")
    assert "forslag til kutt" in titles(staff_client, "budsjettmøte")

    restrict(plan, communication_group)

    assert "forslag til kutt" not in titles(staff_client, "budsjettmøte")


def test_a_document_uploaded_in_another_process_shows_at_once(
    staff_client, make_article
):
    """With a cache of its own per process (the default), another process's
    index generation does not move: the content version, in the database,
    moves for all of them."""
    # Dated last year, so the new document is among the newest matches (those
    # kept) whatever the hour: an article of today is dated at noon.
    for n in range(MANY + 1):
        make_article(
            f"Reglement for tjenestereiser {n}",
            date=timezone.localdate() - datetime.timedelta(days=365),
        )
    assert "i 2027" not in titles(staff_client, "tjenestereiser")
    elsewhere = kept.index_generation()

    get_document_model().objects.create(
        title="Tjenestereiser i 2027",
        file=ContentFile(b"Nye satser for tjenestereiser.", name="reiser.txt"),
        collection=Collection.get_first_root_node(),
    )
    cache.set(kept.GENERATION, elsewhere, timeout=None)

    assert "i 2027" in titles(staff_client, "tjenestereiser")
