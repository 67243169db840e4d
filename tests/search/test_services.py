"""Indexing follows the page life cycle through Wagtail's signals.

Until news and case pages exist, the base ``Page`` class stands in for an
indexable page type (``search_indexable = True`` set for the test).
"""

import socket
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction

from intranet.core.models import HomePage, Topic, Unit
from search import services
from search.backends import database_backend
from search.documents import document_for_page, flatten_body
from search.models import IndexEntry, PendingIndexUpdate
from search.query import SearchQuery
from tests.factories.core import UserFactory


@pytest.fixture
def indexable(monkeypatch):
    """Make plain Wagtail pages indexable as news (the home page stays out)."""
    monkeypatch.setattr(Page, "search_indexable", True, raising=False)
    monkeypatch.setattr(Page, "search_content_type", "news", raising=False)
    monkeypatch.setattr(HomePage, "search_indexable", False, raising=False)


@pytest.fixture
def make_page(home_page, indexable):
    def make_page(title: str, *, parent=None, live: bool = True) -> Page:
        page = (parent or home_page).add_child(
            instance=Page(title=title, slug=title.lower().replace(" ", "-"), live=live)
        )
        return page

    return make_page


@pytest.fixture
def elasticsearch_down(settings):
    """Point the intranet at a local port where no Elasticsearch listens."""
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.ELASTICSEARCH_TIMEOUT = 2


def found(user, text: str) -> list[str]:
    results = database_backend().search(SearchQuery(text=text), user)
    return [hit.document.title for hit in results.hits]


def test_publishing_indexes_and_unpublishing_removes(make_page, staff_user):
    page = make_page("Kantina stenger", live=False)
    assert found(staff_user, "kantina") == []

    page.save_revision().publish()
    assert found(staff_user, "kantina") == ["Kantina stenger"]

    page.refresh_from_db()
    page.unpublish()
    assert found(staff_user, "kantina") == []


def test_deleting_a_page_and_its_children_removes_them(make_page, staff_user):
    parent = make_page("Prosjekt vei")
    make_page("Prosjekt vei del to", parent=parent)
    services.index_subtree(parent)
    assert len(found(staff_user, "prosjekt")) == 2

    parent.delete()

    assert found(staff_user, "prosjekt") == []
    assert IndexEntry.objects.count() == 0


def test_pages_that_are_not_indexable_are_left_alone(home_page, staff_user):
    page = home_page.add_child(instance=Page(title="Vanlig side", slug="vanlig"))
    page.save_revision().publish()

    assert IndexEntry.objects.count() == 0


def test_drafts_are_never_indexed(make_page):
    page = make_page("Utkast", live=False)

    assert services.index_page(page) is None
    assert IndexEntry.objects.count() == 0


def test_moving_a_page_updates_its_address(make_page, staff_user):
    old_parent = make_page("Gammel")
    new_parent = make_page("Ny")
    page = make_page("Flyttet sak", parent=old_parent)
    page.save_revision().publish()

    page.move(new_parent, pos="last-child")

    (hit,) = database_backend().search(SearchQuery(text="flyttet"), staff_user).hits
    assert hit.document.url.startswith("/ny/")


def test_privacy_changes_reach_the_index(
    make_page, staff_user, communication_user, communication_group
):
    section = make_page("Ledelse")
    page = make_page("Budsjettforslag", parent=section)
    page.save_revision().publish()

    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([communication_group])

    assert found(staff_user, "budsjettforslag") == []
    assert found(communication_user, "budsjettforslag") == ["Budsjettforslag"]

    restriction.delete()

    assert found(staff_user, "budsjettforslag") == ["Budsjettforslag"]


def test_password_protected_pages_are_never_indexed(make_page, staff_user):
    page = make_page("Hemmelig plan")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    assert document_for_page(page) is None
    assert found(staff_user, "hemmelig") == []


def test_a_story_page_becomes_a_full_document(make_page, db):
    sector = Unit.objects.create(name="Helse", slug="helse")
    unit = Unit.objects.create(name="Hjemmetjenesten", slug="hjemme", parent=sector)
    topic = Topic.objects.create(name="Digitalisering", slug="digitalisering")
    author = UserFactory(username="ola", first_name="Ola", last_name="Nordmann")
    case = make_page("Digital hjemmetjeneste")
    page = make_page("Første uke med kamera")
    page.intro = "Tilsyn på skjerm."
    page.unit = unit
    page.topics = SimpleNamespace(all=lambda: [topic])
    page.tags = SimpleNamespace(all=lambda: [SimpleNamespace(name="Sensor")])
    page.positioning_themes = ["innovation"]
    page.search_people = lambda: [author]
    page.search_case = lambda: case
    page.search_content_type = "case_update"

    document = document_for_page(page)

    assert document.content_type == "case_update"
    assert (document.unit, document.sector) == ("hjemme", "helse")
    assert document.units == ["hjemme", "helse"]
    assert document.topics == ["digitalisering"]
    assert document.tags == ["Sensor"]
    assert document.themes == ["innovation"]
    assert (document.case_id, document.case_title) == (case.pk, case.title)
    assert (document.people, document.people_names) == (["ola"], ["Ola Nordmann"])
    assert document.intro == "Tilsyn på skjerm."
    assert document.url == "/f%C3%B8rste-uke-med-kamera/"


def test_story_bodies_are_flattened_to_plain_text():
    from intranet.core.blocks import StoryBodyBlock

    body = StoryBodyBlock().to_python(
        [
            {"type": "heading", "value": {"text": "Slik gikk det", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Vi <b>testet</b> sensorer.</p>"},
            {"type": "quote", "value": {"text": "Det virker", "attribution": "Kari"}},
        ]
    )

    text = flatten_body(SimpleNamespace(body=body))

    assert "Slik gikk det" in text
    assert "Vi testet sensorer." in text
    assert "Det virker" in text
    assert "<" not in text


def test_search_rebuild_indexes_every_live_indexable_page(make_page, staff_user):
    make_page("Første nyhet")
    make_page("Andre nyhet")
    make_page("Upublisert nyhet", live=False)
    IndexEntry.objects.all().delete()

    out = StringIO()
    call_command("search_rebuild", stdout=out)

    assert sorted(found(staff_user, "nyhet")) == ["Andre nyhet", "Første nyhet"]
    assert "[##############################] 2/2 (100%)" in out.getvalue()
    assert "database: 2 documents indexed." in out.getvalue()


def test_publishing_succeeds_when_elasticsearch_is_down_and_is_retried(
    make_page,
    staff_user,
    elasticsearch_down,
    settings,
    django_capture_on_commit_callbacks,
):
    page = make_page("Nytt vedtak", live=False)

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    page.refresh_from_db()
    assert page.live
    pending = PendingIndexUpdate.objects.get(page_id=page.pk)
    assert pending.attempts == 1
    # The database index is kept anyway, so the fallback search finds it.
    assert found(staff_user, "vedtak") == ["Nytt vedtak"]

    out = StringIO()
    call_command("search_retry", stdout=out)
    assert "0 updates sent, 1 still failing" in out.getvalue()
    pending.refresh_from_db()
    assert pending.attempts == 2

    settings.ELASTICSEARCH_URL = ""
    call_command("search_retry", stdout=StringIO())
    assert not PendingIndexUpdate.objects.exists()
