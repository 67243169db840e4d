"""Indexing follows the life cycle of news and case pages through Wagtail.

Pages are published by publishing revisions (or through Wagtail's admin views),
so every change reaches search through Wagtail's own signals.
"""

import datetime
import socket
import zoneinfo
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import PageViewRestriction

from cases.models import CaseOwner
from intranet.core.models import Topic
from news.models import NewsIndexPage, NewsPage
from search import services
from search.backends import database_backend
from search.documents import document_for_page, flatten_body
from search.models import IndexEntry, PendingIndexUpdate
from search.query import SearchQuery
from tests.factories.core import UserFactory
from tests.factories.search import paragraph_body

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


@pytest.fixture
def elasticsearch_down(settings):
    """Point the intranet at a local port where no Elasticsearch listens."""
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    settings.ELASTICSEARCH_TIMEOUT = 2


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def make_draft(make_article, make_case, make_update):
    """A draft of each indexable page type, titled as asked."""

    def make_draft(content_type: str, title: str):
        if content_type == "news":
            return make_article(title, publish=False)
        if content_type == "case":
            return make_case(title, publish=False)
        return make_update(make_case("Vertssaken"), title, publish=False)

    return make_draft


def found(user, text: str = "", **filters) -> list[str]:
    """Titles the user finds, sorted."""
    results = database_backend().search(SearchQuery(text=text, **filters), user)
    return sorted(hit.document.title for hit in results.hits)


@pytest.mark.parametrize("content_type", ["news", "case", "case_update"])
def test_publishing_indexes_and_unpublishing_removes(
    make_draft, staff_user, content_type
):
    page = make_draft(content_type, "Kantina stenger")
    assert found(staff_user, "kantina") == []

    page.save_revision().publish()
    assert found(staff_user, "kantina") == ["Kantina stenger"]
    (hit,) = database_backend().search(SearchQuery(text="kantina"), staff_user).hits
    assert hit.document.content_type == content_type

    page.refresh_from_db()
    page.unpublish()
    assert found(staff_user, "kantina") == []


def test_editing_a_published_page_updates_what_search_finds(make_article, staff_user):
    article = make_article("Kantina stenger", intro="Stengt i juli.")

    article.intro = "Stengt hele august."
    article.save_revision().publish()

    assert found(staff_user, "august") == ["Kantina stenger"]
    assert found(staff_user, "juli") == []


def test_unpublishing_a_case_with_its_updates_in_the_admin_removes_them(
    make_case, make_update, staff_user, admin_client
):
    case = make_case("Ny vaktordning")
    make_update(case, "Vaktordningen er i gang")
    assert found(staff_user, "vaktordning") == [
        "Ny vaktordning",
        "Vaktordningen er i gang",
    ]

    response = admin_client.post(
        reverse("wagtailadmin_pages:unpublish", args=[case.pk]),
        {"include_descendants": "on"},
    )

    assert response.status_code == 302
    assert found(staff_user, "vaktordning") == []


def test_deleting_a_case_in_the_admin_removes_it_and_its_updates(
    make_case, make_update, make_article, staff_user, admin_client
):
    case = make_case("Prosjekt vei")
    make_update(case, "Prosjekt vei: anbudet er ute")
    make_update(case, "Prosjekt vei: gravingen starter")
    make_article("Prosjekt vei omtales i avisen", related_case=case)
    assert len(found(staff_user, "prosjekt")) == 4

    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[case.pk]))

    assert response.status_code == 302
    assert found(staff_user, "prosjekt") == ["Prosjekt vei omtales i avisen"]
    # The article stays, no longer filed under the deleted case.
    (entry,) = IndexEntry.objects.all()
    assert entry.case_id is None
    assert entry.document["case_title"] == ""


def test_deleting_an_article_removes_it(make_article, staff_user):
    article = make_article("Kantina stenger")

    article.delete()

    assert found(staff_user, "kantina") == []
    assert not IndexEntry.objects.exists()


def test_pages_that_are_not_indexable_are_left_alone(
    news_index, case_index, home_page, staff_user
):
    for page in (news_index, case_index, home_page.specific):
        page.save_revision().publish()

    assert NewsIndexPage.objects.get().live
    assert not IndexEntry.objects.exists()
    assert found(staff_user, "nyheter") == []


@pytest.mark.parametrize("content_type", ["news", "case", "case_update"])
def test_drafts_are_never_indexed(make_draft, content_type):
    page = make_draft(content_type, "Utkast")

    assert services.index_page(page) is None
    assert not IndexEntry.objects.filter(page_id=page.pk).exists()


def test_moving_a_case_moves_the_addresses_of_its_updates(
    make_case, make_update, home_page, staff_user
):
    from tests.factories.cases import CaseIndexPageFactory

    case = make_case("Flyttet sak")
    make_update(case, "Flyttet oppdatering", slug="oppdatering")
    archive = CaseIndexPageFactory(parent=home_page, title="Arkiv", slug="arkiv")

    case.move(archive, pos="last-child")

    hits = database_backend().search(SearchQuery(text="flyttet"), staff_user).hits
    assert sorted(hit.document.url for hit in hits) == [
        f"/arkiv/{case.slug}/",
        f"/arkiv/{case.slug}/oppdatering/",
    ]


def test_moving_an_update_to_another_case_gives_it_that_case_and_its_owners(
    make_case, make_update, staff_user
):
    other_owner = UserFactory(username="ola.nordmann")
    old_case = make_case("Gammel sak")
    new_case = make_case("Ny sak", owners=[other_owner])
    update = make_update(old_case, "Flyttet oppdatering")

    update.move(new_case, pos="last-child")

    assert found(staff_user, case=new_case.pk) == ["Flyttet oppdatering", "Ny sak"]
    assert found(staff_user, case=old_case.pk) == ["Gammel sak"]
    assert found(staff_user, person="ola.nordmann") == ["Flyttet oppdatering", "Ny sak"]
    assert found(staff_user, person="eva.eier") == ["Gammel sak"]


def test_new_owners_of_a_case_find_its_earlier_updates(
    make_case, make_update, staff_user
):
    newcomer = UserFactory(username="per.johansen")
    case = make_case("Ny vaktordning")
    make_update(case, "Arbeidsgruppen er i gang")
    assert found(staff_user, person="per.johansen") == []

    case.case_owners.add(CaseOwner(user=newcomer))
    case.save_revision().publish()

    assert found(staff_user, person="per.johansen") == [
        "Arbeidsgruppen er i gang",
        "Ny vaktordning",
    ]


def test_renaming_a_case_reaches_its_updates_and_related_news(
    make_case, make_update, make_article
):
    case = make_case("Arbeidstittel")
    update = make_update(case, "Oppstartsmøte")
    article = make_article("Nytt prosjekt", related_case=case)

    case.title = "Nytt bibliotek på Sørumsand"
    case.save_revision().publish()

    for page in (update, article):
        document = IndexEntry.objects.get(page_id=page.pk).document
        assert document["case_title"] == "Nytt bibliotek på Sørumsand"


def test_correcting_a_case_does_not_make_it_news_again(
    make_case, make_article, staff_user
):
    with time_machine.travel(datetime.datetime(2025, 3, 3, 9, tzinfo=OSLO)):
        case = make_case("Ny vaktordning")
    with time_machine.travel(datetime.datetime(2025, 3, 10, 9, tzinfo=OSLO)):
        make_article("Vaktordning i kantina", date=datetime.date(2025, 3, 9))
        case.summary = "Rettet skrivefeil i vaktordningen."
        case.save_revision().publish()

    results = database_backend().search(
        SearchQuery(text="vaktordning", sort="newest"), staff_user
    )

    assert [hit.document.title for hit in results.hits] == [
        "Vaktordning i kantina",
        "Ny vaktordning",
    ]
    assert results.hits[1].document.local_date == datetime.date(2025, 3, 3)
    assert "Rettet skrivefeil" in results.hits[1].document.intro


def test_privacy_set_in_the_admin_reaches_the_index(
    make_case,
    make_update,
    staff_user,
    communication_user,
    communication_group,
    admin_client,
):
    case = make_case("Budsjettforslag")
    make_update(case, "Budsjettforslag til høring")
    privacy_url = reverse("wagtailadmin_pages:set_privacy", args=[case.pk])

    response = admin_client.post(
        privacy_url, {"restriction_type": "groups", "groups": [communication_group.pk]}
    )

    assert response.status_code == 200
    assert found(staff_user, "budsjettforslag") == []
    assert found(communication_user, "budsjettforslag") == [
        "Budsjettforslag",
        "Budsjettforslag til høring",
    ]

    admin_client.post(privacy_url, {"restriction_type": "none"})

    assert len(found(staff_user, "budsjettforslag")) == 2


def test_password_protected_pages_are_never_indexed(make_article, staff_user):
    article = make_article("Hemmelig plan")
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    assert document_for_page(article) is None
    assert found(staff_user, "hemmelig") == []


@pytest.fixture
def sensor_topic(db):
    return Topic.objects.create(name="Velferdsteknologi", slug="velferdsteknologi")


def test_a_case_update_becomes_a_full_document(
    make_case, make_update, owner, co_owner, unit, topic, sensor_topic
):
    case = make_case("Språkløftet i barnehagene", slug="sprakloftet")
    published = timezone.make_aware(datetime.datetime(2025, 3, 4, 10, 30))
    update = make_update(
        case,
        "Språkkoordinator i alle barnehager",
        slug="koordinator",
        author=co_owner,
        intro="Hver barnehage har nå en språkkoordinator.",
        body=paragraph_body("<p>Koordinatorene møtes <b>annenhver</b> måned.</p>"),
        publication_date=published,
        unit=unit,
        topics=[topic, sensor_topic],
        tags=["Lesing", "språk"],
        positioning_themes=["competence"],
        nomination_text="Kompetansen i én barnehage blir kompetanse i alle.",
    )

    document = document_for_page(update)

    assert document.content_type == "case_update"
    assert (document.case_id, document.case_title) == (case.pk, case.title)
    assert document.people == ["eva.eier", "mons.medeier"]
    assert sorted(document.people_names) == ["Eva Eier", "Mons Medeier"]
    assert (document.unit, document.sector) == ("barnehagene", "oppvekst")
    assert document.topics == ["barnehage", "velferdsteknologi"]
    assert sorted(tag.lower() for tag in document.tags) == ["lesing", "språk"]
    assert document.themes == ["competence"]
    assert document.published == published
    assert document.intro == "Hver barnehage har nå en språkkoordinator."
    assert document.body == "Koordinatorene møtes annenhver måned."
    assert document.url == ("/saker/sprakloftet/koordinator/")


def test_a_case_becomes_a_document_of_its_own_case(make_case, unit):
    case = make_case("Nytt bibliotek", summary="Et bibliotek med meråpent.")

    document = document_for_page(case)

    assert document.content_type == "case"
    assert (document.case_id, document.case_title) == (case.pk, "")
    assert document.people == ["eva.eier", "mons.medeier"]
    assert document.intro == "Et bibliotek med meråpent."
    assert (document.unit, document.sector) == ("barnehagene", "oppvekst")


def test_a_news_article_about_a_case_carries_the_case(make_case, make_article):
    case = make_case("Nytt bibliotek")
    article = make_article(
        "Biblioteket åpner", related_case=case, date=datetime.date(2025, 6, 2)
    )

    document = document_for_page(article)

    assert document.content_type == "news"
    assert (document.case_id, document.case_title) == (case.pk, "Nytt bibliotek")
    assert document.people == ["hilde.strand"]
    assert document.local_date == datetime.date(2025, 6, 2)


def test_an_article_for_a_whole_sector_is_filed_under_the_sector(make_article, sector):
    article = make_article("Nytt fra sektoren", unit=sector)

    document = document_for_page(article)

    assert (document.unit, document.sector) == ("oppvekst", "")
    assert document.units == ["oppvekst"]


def test_story_bodies_are_flattened_to_plain_text(db):
    article = NewsPage(
        title="Slik gikk det",
        body=[
            ("heading", {"text": "Slik gikk det", "level": "h2"}),
            ("paragraph", "<p>Vi <b>testet</b> sensorer &amp; kamera.</p>"),
            ("paragraph", "<p>Trykk &lt;Enter&gt; for å sende.</p>"),
            ("quote", {"text": "Skriv <Enter>, ikke 2<3", "attribution": "Kari"}),
        ],
    )

    text = flatten_body(article)

    assert "Slik gikk det" in text
    assert "Vi testet sensorer & kamera." in text
    assert "Trykk <Enter> for å sende." in text
    assert "Skriv <Enter>, ikke 2<3" in text
    assert "<b>" not in text


def test_paragraphs_list_items_and_line_breaks_stay_separate_words(
    make_article, staff_user
):
    make_article(
        "Vaktliste",
        body=paragraph_body(
            "<p>Nattevakt</p><p>Dagvakt</p><ul><li>Kveld</li><li>Helg</li></ul>"
            "<p>Første linje<br/>Andre linje</p><h3>Oversikt</h3><p>Slutt</p>"
        ),
    )

    for word in ("dagvakt", "helg", "andre", "oversikt"):
        assert found(staff_user, word) == ["Vaktliste"], word
    assert found(staff_user, "nattevaktdagvakt") == []


def test_search_rebuild_indexes_every_live_indexable_page(
    make_article, make_case, make_update, staff_user
):
    make_article("Første nyhet")
    make_article("Upublisert nyhet", publish=False)
    make_update(make_case("Nyhet i saken"), "Nyhet i oppdateringen")
    IndexEntry.objects.all().delete()
    assert found(staff_user, "nyhet") == []

    out = StringIO()
    call_command("search_rebuild", stdout=out)

    assert found(staff_user, "nyhet") == [
        "Første nyhet",
        "Nyhet i oppdateringen",
        "Nyhet i saken",
    ]
    assert "[##############################] 3/3 (100%)" in out.getvalue()
    assert "database: 3 documents indexed." in out.getvalue()


def test_search_rebuild_refuses_fewer_than_one_worker(make_article, staff_user):
    make_article("Første nyhet")
    IndexEntry.objects.all().delete()

    with pytest.raises(CommandError, match="--workers"):
        call_command("search_rebuild", "--workers", "0", stdout=StringIO())

    assert found(staff_user, "nyhet") == []


def test_publishing_succeeds_when_elasticsearch_is_down_and_is_retried(
    make_article,
    staff_user,
    elasticsearch_down,
    settings,
    django_capture_on_commit_callbacks,
):
    article = make_article("Nytt vedtak", publish=False)

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    article.refresh_from_db()
    assert article.live
    pending = PendingIndexUpdate.objects.get(page_id=article.pk)
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


def test_unpublishing_when_elasticsearch_is_down_is_retried(
    make_article, staff_user, elasticsearch_down, django_capture_on_commit_callbacks
):
    article = make_article("Nytt vedtak")

    with django_capture_on_commit_callbacks(execute=True):
        UnpublishPageAction(article).execute(skip_permission_checks=True)

    assert found(staff_user, "vedtak") == []
    assert PendingIndexUpdate.objects.filter(page_id=article.pk).exists()


def test_an_article_is_not_found_by_the_title_of_a_case_its_readers_may_not_see(
    make_case, make_article, staff_user
):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    case = make_case("Omsorgsovertakelse Xylofon")
    restriction = PageViewRestriction.objects.create(
        page=case, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Barnevern"))
    article = make_article("Nytt fagsystem i barnevernet", related_case=case)

    assert found(staff_user, "xylofon") == []
    assert found(staff_user, "fagsystem") == ["Nytt fagsystem i barnevernet"]
    assert IndexEntry.objects.get(page_id=article.pk).case_id is None
