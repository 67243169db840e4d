"""Story lists read what a card shows, not the stories' bodies."""

import datetime

import pytest
from django.utils import timezone

from intranet.core.selectors import for_story_cards
from intranet.promotion.selectors import positioning_stories
from news import selectors as news_selectors
from news.models import NewsPage
from tests.factories.cases import CasePageFactory, CaseUpdatePageFactory
from tests.factories.news import NewsPageFactory, default_news_index

pytestmark = pytest.mark.django_db

BODY = [("paragraph", "<p>" + "Lang brødtekst om saken. " * 200 + "</p>")]


def test_a_card_list_leaves_the_body_unread_but_shows_the_card():
    NewsPageFactory(title="Ny barnehage i sentrum", body=BODY, with_image=True)

    (article,) = for_story_cards(NewsPage.objects.live())

    assert "body" in article.get_deferred_fields()
    assert article.title == "Ny barnehage i sentrum"
    assert article.intro == "En kort ingress om saken."
    assert article.hero_image is not None


def test_the_news_listing_and_the_front_page_lists_read_no_body(client, staff_user):
    NewsPageFactory(title="Nytt fra teknisk drift", body=BODY)
    index = default_news_index()
    today = timezone.localdate()

    listed = list(news_selectors.news_listing(index=index))
    latest = news_selectors.latest_news(limit=6, today=today)

    assert [a.title for a in listed] == [a.title for a in latest]
    assert all("body" in a.get_deferred_fields() for a in [*listed, *latest])
    client.force_login(staff_user)
    response = client.get("/nyheter/")
    assert "Nytt fra teknisk drift" in response.content.decode()
    assert "Lang brødtekst" not in response.content.decode()


def test_positioning_and_case_update_cards_read_no_body():
    case = CasePageFactory(title="Ny gang- og sykkelvei")
    CaseUpdatePageFactory(
        parent=case,
        title="Anleggsarbeidet starter",
        body=BODY,
        positioning_themes=["innovation"],
        nomination_text="Ny metode for å varsle naboene.",
        publication_date=timezone.now() - datetime.timedelta(hours=1),
    )

    stories = positioning_stories(limit=5)

    assert [story.title for story in stories] == ["Anleggsarbeidet starter"]
    assert "body" in stories[0].get_deferred_fields()
