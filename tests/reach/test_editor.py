"""Marking a story "Må leses" in Wagtail's editor: what it refuses, and on case
updates only the communication team may."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from cases.models import CaseUpdatePage
from news.models import NewsPage
from tests.cases.admin_forms import add_form_data, edit_form_data, publish
from tests.factories.cases import (
    CaseIndexPageFactory,
    CasePageFactory,
    CaseUpdatePageFactory,
)
from tests.factories.core import UserFactory
from tests.reach.conftest import in_days

pytestmark = pytest.mark.django_db


def add_news_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk])


def post_news(client, index, **fields):
    data = add_form_data(
        "news", "newspage", index, title="Ny avviksrutine", intro="Les denne.", **fields
    )
    return client.post(add_news_url(index), publish(data))


def test_an_editor_makes_an_article_must_read_for_units(
    client, news_index, editor, home_care, school, django_capture_on_commit_callbacks
):
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = post_news(
            client,
            news_index,
            must_read_until=in_days(7).isoformat(),
            must_read_units=[home_care.pk, school.pk],
        )

    assert response.status_code == 302
    article = NewsPage.objects.get(title="Ny avviksrutine")
    assert article.live
    assert article.must_read_until == in_days(7)
    assert set(article.must_read_units.all()) == {home_care, school}


def errors(response) -> str:
    assert response.status_code == 200  # the form again, with its errors
    return BeautifulSoup(response.content, "html.parser").get_text(" ")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"must_read_until": in_days(7).isoformat()}, "Velg hvem som må lese"),
        ({"must_read_everyone": "on"}, "Sett en frist"),
        (
            {"must_read_until": in_days(-1).isoformat(), "must_read_everyone": "on"},
            "Fristen har gått ut",
        ),
    ],
)
def test_the_editor_refuses_an_incomplete_or_late_must_read(
    client, news_index, editor, fields, message
):
    client.force_login(editor)

    response = post_news(client, news_index, **fields)

    assert message in errors(response)
    assert not NewsPage.objects.filter(title="Ny avviksrutine").exists()


def test_units_without_a_deadline_are_refused(client, news_index, editor, home_care):
    client.force_login(editor)

    response = post_news(client, news_index, must_read_units=[home_care.pk])

    assert "Sett en frist" in errors(response)


def test_a_passed_deadline_left_unchanged_does_not_stop_an_edit(
    client, make_must_read, editor
):
    article = make_must_read(everyone=True, until=in_days(3))
    type(article).objects.filter(pk=article.pk).update(must_read_until=in_days(-5))
    article.refresh_from_db()
    article.save_revision()
    client.force_login(editor)
    # (A browser posts a ticked box as "on"; the helper reads it as empty.)
    data = edit_form_data(
        article, intro="Rettet en skrivefeil.", must_read_everyone="on"
    )

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]), publish(data)
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.intro == "Rettet en skrivefeil."


# Case updates ------------------------------------------------------------------


@pytest.fixture
def case_owner(db):
    return UserFactory(username="eier", first_name="Eva", last_name="Eier")


@pytest.fixture
def case(home_page, case_owner):
    index = CaseIndexPageFactory(parent=home_page, title="Saker", slug="saker")
    return CasePageFactory(
        parent=index, title="Digital hjemmetjeneste", owners=[case_owner]
    )


def editor_fields(client, page) -> set[str]:
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content
    return {
        tag["name"]
        for tag in BeautifulSoup(html, "html.parser").find_all(["input", "select"])
        if tag.has_attr("name")
    }


def test_a_case_owner_neither_sees_nor_sets_must_read(client, case, case_owner):
    update = CaseUpdatePageFactory(parent=case, title="Nettbrett", owner=case_owner)
    client.force_login(case_owner)
    assert "must_read_until" not in editor_fields(client, update)

    data = edit_form_data(
        update, must_read_until=in_days(7).isoformat(), must_read_everyone="on"
    )
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[update.pk]), publish(data)
    )

    assert response.status_code == 302
    update = CaseUpdatePage.objects.get(pk=update.pk)
    assert update.must_read_until is None
    assert not update.must_read_everyone


def test_a_case_owner_keeps_what_the_team_set(client, case, case_owner, team):
    update = CaseUpdatePageFactory(parent=case, title="Nettbrett", owner=case_owner)
    update.must_read_until = in_days(7)
    update.must_read_everyone = True
    update.save_revision().publish()
    client.force_login(case_owner)

    data = edit_form_data(
        update, intro="Ny ingress.", must_read_until="", must_read_everyone=""
    )
    client.post(reverse("wagtailadmin_pages:edit", args=[update.pk]), publish(data))

    update = CaseUpdatePage.objects.get(pk=update.pk)
    assert update.intro == "Ny ingress."
    assert update.must_read_until == in_days(7)


def test_the_communication_team_makes_a_case_update_must_read(
    client, case, case_owner, team
):
    update = CaseUpdatePageFactory(parent=case, title="Nettbrett", owner=case_owner)
    client.force_login(team)
    assert "must_read_until" in editor_fields(client, update)

    data = edit_form_data(
        update, must_read_until=in_days(7).isoformat(), must_read_everyone="on"
    )
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[update.pk]), publish(data)
    )

    assert response.status_code == 302
    update = CaseUpdatePage.objects.get(pk=update.pk)
    assert update.must_read_until == in_days(7)
    assert update.must_read_everyone
