"""Confirm, archive, restore and complete: who may, what it does, bad input."""

import pytest
from django.test import Client
from django.utils import formats, timezone
from wagtail.models import Revision

from cases.models import CasePage, CaseStatus
from intranet.freshness import services
from news.models import NewsPage
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def today_text() -> str:
    return formats.date_format(timezone.localdate(), "j. F Y")


# Confirm -------------------------------------------------------------------------


def test_confirm_sets_the_date_and_the_page_shows_it(client, make_article, editor):
    article = make_article("Nye åpningstider", age_days=400)
    login(client, editor)

    review = client.get(f"/aktualitet/side/{article.pk}/")
    assert review.status_code == 200
    assert "Er dette fortsatt riktig?" in review.content.decode()

    response = client.post(f"/aktualitet/side/{article.pk}/bekreft/", follow=True)

    article.refresh_from_db()
    assert article.last_confirmed_at is not None
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == article.url
    assert "bekreftet som fortsatt riktig" in html
    assert "Sist bekreftet" in html and today_text() in html
    assert "Ansvarlig: Hilde Strand" in html
    # Published as a revision by the person who confirmed.
    revision = article.live_revision
    assert revision.user == editor
    assert revision.content["last_confirmed_at"] is not None


def test_confirm_keeps_a_waiting_draft_as_the_latest_revision(make_article, editor):
    article = make_article("Nye åpningstider", age_days=400)
    draft = NewsPage.objects.get(pk=article.pk)
    draft.title = "Nye åpningstider fra mars"
    draft.save_revision(user=editor)

    services.story_confirm(page=article, user=editor)

    article = NewsPage.objects.get(pk=article.pk)
    assert article.title == "Nye åpningstider"  # the draft is not published
    assert article.last_confirmed_at is not None
    assert article.has_unpublished_changes
    latest = article.get_latest_revision_as_object()
    assert latest.title == "Nye åpningstider fra mars"
    assert latest.last_confirmed_at is not None


# Archive and restore ---------------------------------------------------------------


def test_archive_leaves_lists_and_feeds_but_search_still_finds_it(
    client, make_article, editor, other_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Kantinen stenger", age_days=2)
        make_article("Annen nyhet", age_days=1)
    reader = login(Client(), other_staff)
    for before in ("/nyheter/", "/", "/nyheter/feed/"):
        assert "Kantinen stenger" in reader.get(before).content.decode()
    login(client, editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/aktualitet/side/{article.pk}/arkiver/", follow=True)

    article.refresh_from_db()
    assert article.archived_at is not None and article.live
    html = response.content.decode()
    assert f"Arkivert {today_text()}: Innholdet kan være utdatert" in html
    client = login(Client(), other_staff)
    assert "Kantinen stenger" not in client.get("/nyheter/").content.decode()
    assert "Annen nyhet" in client.get("/nyheter/").content.decode()
    assert "Kantinen stenger" not in client.get("/").content.decode()
    assert "Kantinen stenger" not in client.get("/nyheter/feed/").content.decode()
    found = client.get("/sok/", {"q": "kantinen"})
    assert article.url in found.content.decode()
    assert found.context["archived_ids"] == {article.pk}
    assert (
        '<span class="badge badge--archived">Arkivert</span>' in found.content.decode()
    )
    assert client.get(article.url).status_code == 200


def test_restore_brings_an_archived_article_back(client, make_article, editor):
    article = make_article("Kantinen stenger", age_days=2)
    services.story_archive(page=article, user=editor)
    login(client, editor)

    client.post(f"/aktualitet/side/{article.pk}/gjenopprett/")

    article.refresh_from_db()
    assert article.archived_at is None
    assert "Kantinen stenger" in client.get("/nyheter/").content.decode()


def test_an_archived_case_update_leaves_the_case_page_and_front_page(
    client, make_case, owner, other_staff
):
    from cases import services as case_services

    case = make_case("Digital hjemmetjeneste")
    update = case_services.case_update_create(
        case=case,
        title="Utdatert oppdatering",
        intro="Gammelt nytt.",
        author=owner,
        publication_date=timezone.now(),
    )
    login(client, owner)
    assert client.post(f"/aktualitet/side/{update.pk}/arkiver/").status_code == 302

    reader = login(Client(), other_staff)
    assert "Utdatert oppdatering" not in reader.get(case.url).content.decode()
    assert "Utdatert oppdatering" not in reader.get("/").content.decode()
    page = reader.get(update.url).content.decode()
    assert "Innholdet kan være utdatert" in page


# Complete a case -----------------------------------------------------------------


def test_case_page_offers_a_new_update_and_completion(client, make_case, owner):
    case = make_case("Digital hjemmetjeneste", quiet_days=90)
    login(client, owner)

    html = client.get(f"/aktualitet/sak/{case.pk}/").content.decode()

    assert f'href="/skriv/sak/{case.pk}/oppdatering/"' in html
    assert "Ny oppdatering" in html and "Marker som fullført" in html


def test_complete_publishes_the_case_as_completed(client, make_case, owner):
    case = make_case("Digital hjemmetjeneste", quiet_days=90)
    login(client, owner)

    response = client.post(f"/aktualitet/sak/{case.pk}/fullfor/", follow=True)

    case = CasePage.objects.get(pk=case.pk)
    assert case.status == CaseStatus.COMPLETED
    assert case.live_revision.user == owner
    assert case.live_revision.content["status"] == CaseStatus.COMPLETED
    assert "er markert som fullført" in response.content.decode()
    assert services.case_nudges_send(now=timezone.now()) == 0


# Who may ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/aktualitet/side/{article}/"),
        ("post", "/aktualitet/side/{article}/bekreft/"),
        ("post", "/aktualitet/side/{article}/arkiver/"),
        ("post", "/aktualitet/side/{article}/gjenopprett/"),
        ("get", "/aktualitet/sak/{case}/"),
        ("post", "/aktualitet/sak/{case}/fullfor/"),
    ],
)
def test_only_editors_of_the_page_may_act(
    client, make_article, make_case, other_staff, method, path
):
    article = make_article("Nye åpningstider", age_days=400)
    case = make_case("Digital hjemmetjeneste", quiet_days=90)
    login(client, other_staff)
    url = path.format(article=article.pk, case=case.pk)

    response = getattr(client, method)(url)

    assert response.status_code == 403
    article.refresh_from_db()
    case.refresh_from_db()
    assert article.last_confirmed_at is None and article.archived_at is None
    assert case.status == CaseStatus.ONGOING
    assert not Revision.objects.filter(user=other_staff).exists()


def test_the_communication_team_may_complete_any_case(
    client, make_case, communication_member
):
    case = make_case("Digital hjemmetjeneste", quiet_days=90)
    login(client, communication_member)

    assert client.post(f"/aktualitet/sak/{case.pk}/fullfor/").status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED


@pytest.mark.parametrize(
    "path",
    [
        "/aktualitet/side/999999/",
        "/aktualitet/side/999999/bekreft/",
        "/aktualitet/sak/999999/",
        "/aktualitet/sak/999999/fullfor/",
        "/aktualitet/saker/enhet/999999/",
        "/aktualitet/tull/enhet/0/",
    ],
)
def test_unknown_ids_are_404(client, path):
    login(client, UserFactory(username="sjef", is_superuser=True))

    is_action = path.endswith(("bekreft/", "fullfor/"))
    response = client.post(path) if is_action else client.get(path)

    assert response.status_code == 404


def test_a_page_that_is_no_story_is_404(client, make_case, owner):
    case = make_case("Digital hjemmetjeneste")
    login(client, owner)

    assert client.get(f"/aktualitet/side/{case.pk}/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/aktualitet/side/{article}/bekreft/",
        "/aktualitet/side/{article}/arkiver/",
        "/aktualitet/side/{article}/gjenopprett/",
        "/aktualitet/sak/{case}/fullfor/",
    ],
)
def test_actions_refuse_get(client, make_article, make_case, editor, path):
    article = make_article("Nye åpningstider")
    case = make_case("Digital hjemmetjeneste")
    login(client, editor)

    response = client.get(path.format(article=article.pk, case=case.pk))

    assert response.status_code == 405
    article.refresh_from_db()
    assert article.last_confirmed_at is None


def test_anonymous_people_are_sent_to_log_in(client, make_article):
    article = make_article("Nye åpningstider")

    response = client.post(f"/aktualitet/side/{article.pk}/bekreft/")

    assert response.status_code == 302 and "/logg-inn/" in response["Location"]
