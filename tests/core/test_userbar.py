"""Wagtail's user bar (its scripts, styles and "Rediger" menu, about 1.2 MB) comes
only with a page the person may edit, and only when they ask for it: until then
they get a link to edit the page in the admin and one to the page with the bar.
Everyone else gets the page without any of it."""

import pytest
from django.test import Client

from intranet.core.roles import EDITORS, STAFF
from news import services
from tests.factories.core import UserFactory
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db

USERBAR = "<wagtail-userbar"
USERBAR_SCRIPT = "wagtailadmin/js/userbar.js"
ON_DEMAND = "?verktoy=1"


@pytest.fixture
def editor(db):
    return UserFactory(username="redaktor", groups=[STAFF, EDITORS])


@pytest.fixture
def article(home_page, editor):
    index = services.news_index_create(
        parent=home_page, title="Nyheter", slug="nyheter"
    )
    return NewsPageFactory(parent=index, title="Ny turvei", owner=editor)


def html(user, url: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_editor_gets_links_instead_of_the_user_bar(editor, article):
    page = html(editor, article.url)

    assert f'href="/admin/pages/{article.pk}/edit/"' in page
    assert f'href="{article.url}{ON_DEMAND}"' in page
    assert USERBAR not in page and "wagtailadmin" not in page


def test_an_editor_gets_the_user_bar_when_they_ask_for_it(editor, article):
    page = html(editor, article.url + ON_DEMAND)

    assert USERBAR in page and USERBAR_SCRIPT in page
    assert f"/admin/pages/{article.pk}/edit/" in page


@pytest.mark.parametrize("query", ["", ON_DEMAND])
def test_a_colleague_who_may_not_edit_gets_none_of_it(article, query):
    colleague = UserFactory(username="ola")  # staff: may use the admin

    page = html(colleague, article.url + query)

    assert "Ny turvei" in page
    assert USERBAR not in page and USERBAR_SCRIPT not in page
    assert "wagtailadmin" not in page and "/admin/pages/" not in page


def test_pages_that_are_not_wagtail_pages_have_no_user_bar(editor):
    page = html(editor, "/varsler/")

    assert USERBAR not in page and "wagtailadmin" not in page
