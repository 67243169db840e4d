"""The Searchable contract: what search lists by type comes from the models."""

from django.utils.translation import override
from wagtail.models import Page

from cases.models import CasePage, CaseUpdatePage
from news.models import NewsPage
from search import searchable
from search.searchable import Searchable
from tests.storyapp.models import EventPage


def test_the_types_labels_and_notifying_types_come_from_the_models():
    # EventPage is the tests' own third kind of story (tests/storyapp).
    assert searchable.searchable_models() == [
        NewsPage,
        CasePage,
        CaseUpdatePage,
        EventPage,
    ]
    assert searchable.content_types() == (
        "news",
        "case",
        "case_update",
        "event",
        "document",
    )
    assert searchable.notifying_content_types() == ("news", "case_update", "event")
    assert searchable.story_content_types() == ("news", "case_update", "event")
    with override("nb"):
        labels = {
            key: str(label) for key, label in searchable.content_type_labels().items()
        }
    assert labels == {
        "news": "Nyhet",
        "case": "Sak",
        "case_update": "Oppdatering",
        "event": "Arrangement",
        "document": "Dokument",
    }


def test_the_project_passes_the_searchable_check():
    assert searchable.check_searchable_models() == []


class _Nameless(Searchable, Page):
    class Meta:
        abstract = True  # never a table; handed to the check directly


class _Twin(Searchable, Page):
    search_content_type = "news"
    search_content_label = "Nyhet igjen"
    search_case = "not a method"

    class Meta:
        abstract = True


def test_a_model_that_breaks_the_contract_is_reported(monkeypatch):
    monkeypatch.setattr(
        searchable, "searchable_models", lambda: [NewsPage, _Nameless, _Twin]
    )
    ids = sorted(error.id for error in searchable.check_searchable_models())
    assert ids == ["search.E001", "search.E003", "search.E004"]
