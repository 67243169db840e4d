"""Crafted input gets a Norwegian message and changes nothing, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from intranet.core.models import Unit
from news.models import NewsPage
from tests.cases.admin_forms import edit_form_data, publish
from tests.factories.cases import CaseIndexPageFactory, CasePageFactory
from tests.factories.core import UserFactory
from tests.factories.news import NewsPageFactory
from tests.factories.planning import ActivityFactory

pytestmark = pytest.mark.django_db

# The body editor draws its errors from JSON, where "å" is escaped.
UNREADABLE = "Feltet kunne ikke leses. Last inn siden p"


@pytest.fixture
def admin_client(db):
    client = Client(raise_request_exception=False)
    client.force_login(
        UserFactory(username="sjef", is_superuser=True, is_staff=True, groups=[])
    )
    return client


@pytest.mark.parametrize(
    "garbage",
    [
        {"body-count": None},  # the editor's script never ran
        {"body-count": "abc"},
        {"body-count": "1", "body-0-type": "paragraph", "body-0-value": '{"a": '},
        {"body-count": "1", "body-0-type": "paragraph", "body-0-value": "7"},
    ],
)
def test_garbage_in_the_body_editor_is_a_form_error_and_saves_nothing(
    admin_client, garbage
):
    article = NewsPageFactory(title="Nytt om sykkelveien")
    data = publish(edit_form_data(article, title="Endret tittel"))
    for key, value in garbage.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = [value]
    data.setdefault("body-0-id", ["a"])
    data.setdefault("body-0-order", ["0"])
    data.setdefault("body-0-deleted", [""])

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]), data
    )

    assert response.status_code == 200
    assert UNREADABLE in response.content.decode()
    assert NewsPage.objects.get(pk=article.pk).title == "Nytt om sykkelveien"


def test_a_case_id_too_large_for_the_database_is_a_bad_request(staff_client):
    ActivityFactory()
    today = timezone.localdate()

    response = staff_client.get(
        reverse("planning:month", args=[today.year, today.month]),
        {"case": "9223372036854775808"},
    )

    # PostgreSQL simply finds no such case; SQLite cannot compare the number.
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "Forespørselen kunne ikke leses" in response.content.decode()


@pytest.mark.parametrize(
    "garbage",
    [
        {"unit": "abc"},  # a chooser's hidden id
        {"unit": "99999999999999999999"},
        {"case_owners-0-id": "%"},  # an inline row's id
        {"case_owners-0-id": "null"},
    ],
)
def test_a_crafted_id_in_the_case_editor_is_a_bad_request_and_saves_nothing(
    admin_client, home_page, garbage
):

    owner = UserFactory(username="eier")
    case = CasePageFactory(
        parent=CaseIndexPageFactory(parent=home_page),
        title="Ny gang- og sykkelvei",
        owners=[owner],
    )
    data = edit_form_data(case, title="Endret tittel", **garbage)

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[case.pk]), data
    )

    assert response.status_code == 400
    assert "Forespørselen kunne ikke leses" in response.content.decode()
    assert case.__class__.objects.get(pk=case.pk).title == "Ny gang- og sykkelvei"


def test_a_crafted_case_in_the_news_editor_is_a_bad_request(admin_client):
    article = NewsPageFactory(title="Nytt om sykkelveien")
    data = edit_form_data(article, related_case="2026-13-45")

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]), data
    )

    assert response.status_code == 400


def test_a_crafted_parent_for_a_unit_is_a_bad_request_and_creates_nothing(
    admin_client,
):
    response = admin_client.post(
        "/admin/snippets/core/unit/add/",
        {"name": "Ny enhet", "slug": "ny-enhet", "parent": "1,2,3"},
    )

    assert response.status_code == 400
    assert not Unit.objects.filter(slug="ny-enhet").exists()


def test_a_nul_character_in_a_form_is_a_bad_request_and_changes_nothing(
    staff_client, staff_user
):
    response = staff_client.post(
        reverse("subscriptions:follow"), {"q": "barnehage", "name": "nul\x00byte"}
    )

    assert response.status_code == 400
    assert "Forespørselen kunne ikke leses" in response.content.decode()
    assert not staff_user.subscriptions.exists()
