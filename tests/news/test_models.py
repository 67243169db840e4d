import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Page

from intranet.core.models import HomePage, PositioningTheme
from news.models import NewsIndexPage, NewsPage
from news.services import news_article_create
from search.searchable import Searchable
from tests.factories.core import UserFactory
from tests.factories.news import ImageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def test_news_index_lives_under_the_front_page_and_holds_only_articles(home_page):
    assert NewsIndexPage.can_create_at(home_page)
    assert NewsIndexPage.allowed_subpage_models() == [NewsPage]
    assert not NewsIndexPage.can_create_at(Page.get_first_root_node())


def test_there_is_only_one_news_index(news_index, home_page):
    assert not NewsIndexPage.can_create_at(home_page)


def test_articles_go_only_in_the_news_index(news_index, home_page):
    article = NewsPageFactory(parent=news_index)

    assert NewsPage.can_create_at(news_index)
    assert not NewsPage.can_create_at(home_page)
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert article.specific_class.allowed_subpage_models() == []
    assert HomePage in NewsIndexPage.allowed_parent_page_models()


# The Story mixin's rules (intranet.core.models.Story), on a real page type.


def test_a_hero_image_needs_alt_text(news_index):
    article = NewsPage(
        title="Med bilde", intro="Kort", hero_image=ImageFactory(), hero_image_alt="  "
    )

    with pytest.raises(ValidationError) as error:
        news_index.add_child(instance=article)

    assert "hero_image_alt" in error.value.message_dict


def test_a_positioning_theme_needs_a_nomination_text(news_index):
    article = NewsPage(
        title="Nyskaping",
        intro="Kort",
        positioning_themes=[PositioningTheme.INNOVATION],
    )

    with pytest.raises(ValidationError) as error:
        news_index.add_child(instance=article)

    assert "nomination_text" in error.value.message_dict


def test_positioning_theme_labels_are_norwegian(news_index):
    article = NewsPageFactory(
        parent=news_index,
        positioning_themes=["innovation", "competence"],
        nomination_text="Første kommune i landet med digitalt tilsyn.",
    )

    with translation.override("nb"):
        assert [str(label) for label in article.positioning_theme_labels] == [
            "Nyskaping",
            "Kompetanse",
        ]
        assert [
            (value, str(label)) for value, label in article.positioning_theme_pairs
        ] == [
            ("innovation", "Nyskaping"),
            ("competence", "Kompetanse"),
        ]


def test_unknown_positioning_theme_is_rejected():
    field = NewsPage._meta.get_field("positioning_themes")

    with pytest.raises(ValidationError):
        field.validate(["bærekraft"], None)


def test_story_errors_and_news_errors_are_reported_together(news_index):
    article = NewsPage(
        title="Viktig",
        intro="Kort",
        hero_image=ImageFactory(),
        hero_image_alt="",
        important=True,
    )

    with pytest.raises(ValidationError) as error:
        news_index.add_child(instance=article)

    assert {"hero_image_alt", "important_until"} <= set(error.value.message_dict)


def test_an_important_article_needs_a_last_pinned_day(news_index):
    article = NewsPage(title="Viktig", intro="Kort", important=True)

    with pytest.raises(ValidationError) as error:
        news_index.add_child(instance=article)

    assert "important_until" in error.value.message_dict


def test_search_hooks_name_the_author_and_the_date(news_index):
    author = UserFactory()
    article = NewsPageFactory(
        parent=news_index, owner=author, date=datetime.date(2026, 3, 2)
    )

    assert issubclass(NewsPage, Searchable)
    assert article.search_people() == [author]
    assert article.search_case() is None
    assert article.search_date() == datetime.date(2026, 3, 2)
    assert NewsPageFactory(parent=news_index, owner=None).search_people() == []


def test_news_article_create_publishes_with_the_articles_date(news_index):
    article = news_article_create(
        index=news_index,
        title="Budsjettet er lagt fram",
        intro="Skole prioriteres.",
        date=datetime.date(2025, 10, 1),
        important_until=datetime.date(2025, 10, 8),
    )
    draft = news_article_create(
        index=news_index, title="Utkast", intro="Ikke ferdig.", publish=False
    )

    article.refresh_from_db()
    assert article.live and article.important
    assert article.first_published_at.date() == datetime.date(2025, 10, 1)
    assert article.last_published_at == article.first_published_at
    assert not draft.live
    assert draft.get_latest_revision() is not None


def test_an_article_links_to_its_related_case(staff_client, news_index, home_page):
    from tests.factories.cases import CaseIndexPageFactory, CasePageFactory

    case = CasePageFactory(
        parent=CaseIndexPageFactory(parent=home_page), title="Ny hovedbibliotek"
    )
    article = NewsPageFactory(parent=news_index, related_case=case)

    response = staff_client.get(article.url)

    assert article.search_case() == case
    assert f'href="{case.url}"' in response.content.decode()
