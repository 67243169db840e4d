"""Wagtail's user bar (its scripts, styles and "Rediger" menu) comes only with
a page the person may edit; everyone else gets the page without it."""

import pytest
from django.test import Client

from tests.factories.core import UserFactory
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db

USERBAR = "<wagtail-userbar"
USERBAR_SCRIPT = "wagtailadmin/js/userbar.js"


@pytest.fixture
def article(news_index, editor):
    return NewsPageFactory(parent=news_index, title="Ny turvei", owner=editor)


def html(user, url: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_editor_gets_the_user_bar_on_a_page_they_may_edit(editor, article):
    page = html(editor, article.url)

    assert USERBAR in page and USERBAR_SCRIPT in page
    assert f"/admin/pages/{article.pk}/edit/" in page


def test_a_colleague_who_may_not_edit_gets_none_of_it(article):
    colleague = UserFactory(username="ola")  # staff: may use the admin

    page = html(colleague, article.url)

    assert "Ny turvei" in page
    assert USERBAR not in page and USERBAR_SCRIPT not in page
    assert "wagtailadmin" not in page


def test_pages_that_are_not_wagtail_pages_have_no_user_bar(editor):
    page = html(editor, "/varsler/")

    assert USERBAR not in page and "wagtailadmin" not in page
