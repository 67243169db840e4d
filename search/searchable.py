"""The Searchable contract: how a page model becomes a search document.

A page model joins search by inheriting ``Searchable`` (in the spirit of
Wagtail's ``index.Indexed``) and naming its content type and label. Everything
search lists by type (the ``?type=`` values, the facet's labels, which types
notify followers, which types are stories on a person's page) is read from the
models that do, so a new kind of page plugs in from its own app.

Story fields (intro, body, unit, topics, tags, positioning themes) are read
from the page when it has them; the three methods below say what only the model
knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from django.core import checks
from django.utils.translation import pgettext_lazy
from wagtail.models import Page, get_page_models

from intranet.core.models import Story

if TYPE_CHECKING:
    import datetime

    from django.contrib.auth.models import AbstractBaseUser
    from django.utils.functional import Promise

CONTENT_TYPE_PATTERN = re.compile(r"^[a-z][a-z_]*$")

#: Uploaded documents (Wagtail's documents, not pages) are found too, as this
#: type (``search.documents.document_for_file``).
FILE_CONTENT_TYPE = "document"
FILE_CONTENT_LABEL = pgettext_lazy("content type", "Document")


class Searchable:
    """A page that our search finds."""

    #: The document's type: the ``?type=`` value and the facet's key.
    search_content_type: ClassVar[str]
    #: The type's name in the facet and on result cards.
    search_content_label: ClassVar[str | Promise]
    #: Whether people following a search are told when one is published.
    search_notifies: ClassVar[bool] = False
    #: Relations the document reads, loaded for many pages at once.
    search_select_related: ClassVar[tuple[str, ...]] = ()
    search_prefetch_related: ClassVar[tuple[str, ...]] = ()

    def search_people(self) -> Iterable[AbstractBaseUser]:
        """The people the page is about or by (found by their names)."""
        return []

    def search_case(self) -> Page | None:
        """The case the page belongs to, if any (its title is searchable)."""
        return None

    def search_date(self) -> datetime.date | datetime.datetime | None:
        """The page's date in results; the first publication when None."""
        return None


def searchable_models() -> list[type[Page]]:
    """The concrete page models search finds, in the order of the apps."""
    return [
        model
        for model in get_page_models()
        if issubclass(model, Searchable) and not model._meta.abstract
    ]


def is_searchable(page: Page) -> bool:
    model = page.specific_class
    return model is not None and issubclass(model, Searchable)


def content_types() -> tuple[str, ...]:
    """Every type search finds: the pages', then uploaded documents."""
    return (
        *(model.search_content_type for model in searchable_models()),
        FILE_CONTENT_TYPE,
    )


def content_type_labels() -> dict[str, str]:
    return {
        **{
            model.search_content_type: model.search_content_label
            for model in searchable_models()
        },
        FILE_CONTENT_TYPE: FILE_CONTENT_LABEL,
    }


def notifying_content_types() -> tuple[str, ...]:
    return tuple(
        model.search_content_type
        for model in searchable_models()
        if model.search_notifies
    )


def story_content_types() -> tuple[str, ...]:
    """The types of the searchable stories (news, case updates, ...)."""
    return tuple(
        model.search_content_type
        for model in searchable_models()
        if issubclass(model, Story)
    )


def check_searchable_models(**kwargs) -> list[checks.CheckMessage]:
    """Each searchable page model names its type and label, and no two share one."""
    errors: list[checks.CheckMessage] = []
    seen: dict[str, type] = {}
    for model in searchable_models():
        content_type = getattr(model, "search_content_type", None)
        if not isinstance(content_type, str) or not CONTENT_TYPE_PATTERN.match(
            content_type
        ):
            errors.append(
                checks.Error(
                    "A Searchable page model needs search_content_type: "
                    "lower-case letters and underscores.",
                    obj=model,
                    id="search.E001",
                )
            )
            continue
        if not getattr(model, "search_content_label", None):
            errors.append(
                checks.Error(
                    "A Searchable page model needs search_content_label.",
                    obj=model,
                    id="search.E002",
                )
            )
        if content_type in seen:
            errors.append(
                checks.Error(
                    f"search_content_type {content_type!r} is also used by "
                    f"{seen[content_type].__name__}.",
                    obj=model,
                    id="search.E003",
                )
            )
        seen[content_type] = model
        for method in ("search_people", "search_case", "search_date"):
            if not callable(getattr(model, method, None)):
                errors.append(
                    checks.Error(
                        f"{method} must be a method.", obj=model, id="search.E004"
                    )
                )
    return errors
