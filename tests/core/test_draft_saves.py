"""Saving a draft changes nothing a reader sees: the shared cached lists keep
their version and Wagtail's admin search is not written again; publishing
moves both."""

import pytest
from wagtail.models import Page

from intranet.core.selectors import content_version
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(home_page):
    index = NewsIndexPageFactory(parent=home_page)
    return NewsPageFactory(parent=index, title="Brøyting i sentrum")


def admin_search(text: str) -> list[str]:
    return [page.title for page in Page.objects.search(text)]


def test_a_draft_keeps_the_content_version_and_a_publish_moves_it(article):
    before = content_version()

    article.title = "Brøyting i sentrum i natt"
    revision = article.save_revision()
    assert content_version() == before

    revision.publish()
    assert content_version() > before


def test_the_admin_search_follows_what_is_published_not_the_draft(article):
    assert admin_search("sentrum") == ["Brøyting i sentrum"]

    article.title = "Strøing av fortau"
    revision = article.save_revision()
    assert admin_search("fortau") == []
    assert admin_search("sentrum") == ["Brøyting i sentrum"]

    revision.publish()
    assert admin_search("fortau") == ["Strøing av fortau"]

    Page.objects.get(pk=article.pk).delete()
    assert admin_search("fortau") == []
