"""The Wagtail screens an editor meets writing news speak Norwegian."""

import pytest

from tests.admin_language import english
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db


def test_an_editor_meets_no_english_writing_news(
    editor_client, editor, news_index, untranslated
):
    article = NewsPageFactory(parent=news_index, title="Ny nyhet", owner=editor)
    for url in [
        f"/admin/pages/{news_index.pk}/",
        f"/admin/pages/add/news/newspage/{news_index.pk}/",
        f"/admin/pages/{article.pk}/edit/",
        f"/admin/pages/{article.pk}/history/",
    ]:
        response = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="nb")
        assert response.status_code == 200, url

    assert english(untranslated) == []
