"""The admin's own search boxes (Wagtail's search backend) answer any text:
a double quote left open searches for the words, never a 500."""

import pytest
from django.urls import reverse

from tests.factories.core import UserFactory
from tests.factories.news import ImageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

OPEN_QUOTES = ['"Sørumsand', 'Sørumsand"', '"sørumsand']
#: Texts of nothing but quotes, or a quote splitting a word: an answer, no error.
ONLY_ANSWERED = ['Sørum"sand', '"', '""', ' " ', '"""']


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="sjef", is_superuser=True))
    return client


@pytest.mark.parametrize("text", [*OPEN_QUOTES, *ONLY_ANSWERED])
def test_an_open_quote_in_the_image_search_searches_the_words(admin_client, text):
    ImageFactory(title="Sørumsand bru i vinterlys")
    ImageFactory(title="Rådhuset")

    response = admin_client.get(reverse("wagtailimages:index"), {"q": text})

    assert response.status_code == 200
    if text in OPEN_QUOTES:
        html = response.content.decode()
        assert "Sørumsand bru i vinterlys" in html
        assert "Rådhuset" not in html


@pytest.mark.parametrize("text", [*OPEN_QUOTES, *ONLY_ANSWERED])
def test_an_open_quote_in_the_page_search_searches_the_words(
    admin_client, home_page, text
):
    NewsPageFactory(title="Ny gang- og sykkelvei ved Sørumsand")
    NewsPageFactory(title="Nytt fra rådhuset")

    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": text})

    assert response.status_code == 200
    if text in OPEN_QUOTES:
        html = response.content.decode()
        assert "Ny gang- og sykkelvei ved Sørumsand" in html
        assert "Nytt fra rådhuset" not in html
