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

#: Each search box: its URL name, and how to make something found by name.
SEARCH_BOXES = {
    "images": ("wagtailimages:index", lambda title: ImageFactory(title=title)),
    "pages": ("wagtailadmin_pages:search", lambda title: NewsPageFactory(title=title)),
}


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="sjef", is_superuser=True))
    return client


@pytest.mark.parametrize("box", SEARCH_BOXES)
@pytest.mark.parametrize("text", [*OPEN_QUOTES, *ONLY_ANSWERED])
def test_an_open_quote_searches_the_words(admin_client, home_page, box, text):
    url_name, make = SEARCH_BOXES[box]
    make("Ny gang- og sykkelvei ved Sørumsand")
    make("Nytt fra rådhuset")

    response = admin_client.get(reverse(url_name), {"q": text})

    assert response.status_code == 200
    if text in OPEN_QUOTES:
        html = response.content.decode()
        assert "Ny gang- og sykkelvei ved Sørumsand" in html
        assert "Nytt fra rådhuset" not in html
