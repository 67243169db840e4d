"""One representation of everything search can find, built from pages."""

import dataclasses
import datetime
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils import timezone
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.rich_text import get_text_for_indexing

RESTRICTION_NONE = "none"
RESTRICTION_LOGIN = "login"
RESTRICTION_GROUPS = "groups"


@dataclass
class SearchDocument:
    """A searchable page, flattened to what the engines index.

    ``units`` holds the page's unit and that unit's sector (both slugs), so a
    filter on a sector finds everything in its units too. ``restriction`` and
    ``group_ids`` copy the page's view restrictions: ``groups`` documents are
    only returned to members of one of ``group_ids`` (and to superusers).
    """

    id: int
    url: str
    content_type: str
    title: str
    published: datetime.datetime
    intro: str = ""
    body: str = ""
    unit: str = ""
    sector: str = ""
    topics: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    case_id: int | None = None
    case_title: str = ""
    people: list[str] = field(default_factory=list)
    people_names: list[str] = field(default_factory=list)
    restriction: str = RESTRICTION_NONE
    group_ids: list[int] = field(default_factory=list)

    @property
    def units(self) -> list[str]:
        return [slug for slug in dict.fromkeys([self.unit, self.sector]) if slug]

    @property
    def local_date(self) -> datetime.date:
        return timezone.localtime(self.published).date()

    @property
    def year(self) -> int:
        return self.local_date.year

    @property
    def extra_text(self) -> str:
        """Searchable text of low weight: the case, the people and the tags."""
        return " ".join([self.case_title, *self.people_names, *self.tags]).strip()

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["published"] = self.published.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "SearchDocument":
        names = {item.name for item in dataclasses.fields(cls)}
        values = {key: value for key, value in data.items() if key in names}
        published = values.get("published")
        if isinstance(published, str):
            values["published"] = datetime.datetime.fromisoformat(published)
        return cls(**values)


def indexable_page_models() -> list[type[Page]]:
    """Page classes whose pages search can find (``search_indexable = True``)."""
    return [
        model
        for model in get_page_models()
        if getattr(model, "search_indexable", False) and not model._meta.abstract
    ]


def is_indexable(page: Page) -> bool:
    return bool(getattr(page.specific_class, "search_indexable", False))


def content_type_of(page: Page) -> str:
    """``search_content_type`` of the page class, or its name: NewsPage -> news."""
    declared = getattr(page, "search_content_type", None)
    if declared:
        return declared
    name = type(page).__name__.removesuffix("Page")
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def flatten_body(page: Page) -> str:
    """The page's StreamField body as plain text, one line per text block.

    Wagtail's searchable content is plain text already (rich text has its tags
    removed and its entities decoded), so "<Enter>" written in a page stays.
    """
    body = getattr(page, "body", None)
    if body is None:
        return ""
    stream_block = getattr(body, "stream_block", None)
    if stream_block is None:
        return get_text_for_indexing(str(body))
    parts = stream_block.get_searchable_content(body)
    return "\n".join(" ".join(str(part).split()) for part in parts if part)


def field_text(page: Page, name: str) -> str:
    """A text field of the page as plain text (rich text fields lose their tags)."""
    value = getattr(page, name, None)
    if not value:
        return ""
    try:
        field = page._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if isinstance(field, RichTextField):
        return get_text_for_indexing(str(value))
    return " ".join(str(value).split())


Restriction = tuple[str, list[int]]
STEP = Page.steplen


def restriction_of(page: Page) -> Restriction | None:
    """The page's effective view restriction, or None when it must not be indexed.

    Password restrictions are never indexed. With several group restrictions up
    the tree, only members of a group named by all of them are let through
    (narrower than Wagtail's rule, never wider).
    """
    return _effective_restriction(
        [
            (
                restriction.restriction_type,
                {group.pk for group in restriction.groups.all()},
            )
            for restriction in page.get_view_restrictions().prefetch_related("groups")
        ]
    )


def _effective_restriction(
    restrictions: list[tuple[str, set[int] | frozenset[int]]],
) -> Restriction | None:
    if not restrictions:
        return RESTRICTION_NONE, []
    types = {restriction_type for restriction_type, _groups in restrictions}
    if PageViewRestriction.PASSWORD in types:
        return None
    group_sets = [
        set(groups)
        for restriction_type, groups in restrictions
        if restriction_type == PageViewRestriction.GROUPS
    ]
    if group_sets:
        return RESTRICTION_GROUPS, sorted(set.intersection(*group_sets))
    return RESTRICTION_LOGIN, []


class ViewRestrictions:
    """``restriction_of`` for many pages, with a query per batch, not per page.

    The restrictions themselves are read once (there are few: one per private
    subtree); ``load()`` reads the ancestors of a batch of pages at once. As in
    Wagtail, an alias (or an alias among the ancestors) follows its source page.
    """

    def __init__(self) -> None:
        self._on_page: dict[int, list[tuple[str, frozenset[int]]]] = defaultdict(list)
        for restriction in PageViewRestriction.objects.prefetch_related("groups"):
            self._on_page[restriction.page_id].append(
                (
                    restriction.restriction_type,
                    frozenset(group.pk for group in restriction.groups.all()),
                )
            )
        # Path of a page -> the page whose restrictions apply there.
        self._nodes: dict[str, int] = {}

    def load(self, pages: Iterable[Page]) -> None:
        """Read the ancestors of ``pages`` that are not known yet."""
        if not self._on_page:
            return
        wanted: set[str] = set()
        for page in pages:
            self._nodes[page.path] = page.alias_of_id or page.pk
            wanted.update(page.path[:end] for end in range(STEP, len(page.path), STEP))
        missing = wanted - self._nodes.keys()
        if missing:
            rows = Page.objects.filter(path__in=missing).values_list(
                "path", "pk", "alias_of_id"
            )
            for path, pk, alias_of_id in rows:
                self._nodes[path] = alias_of_id or pk

    def of(self, page: Page) -> Restriction | None:
        if not self._on_page:
            return RESTRICTION_NONE, []
        self.load([page])
        return _effective_restriction(
            [
                restriction
                for end in range(STEP, len(page.path) + 1, STEP)
                for restriction in self._on_page.get(
                    self._nodes.get(page.path[:end], 0), ()
                )
            ]
        )


def _case_shown_with(
    case: Page,
    page: Page,
    restriction: Restriction,
    restrictions: ViewRestrictions | None = None,
) -> bool:
    """Whether everyone who may find ``page`` may also see its ``case``."""
    if case.pk == page.pk or page.path.startswith(case.path):
        return True  # the page lies under the case and shares its restrictions
    if not case.live:
        return False
    case_restriction = restrictions.of(case) if restrictions else restriction_of(case)
    return case_restriction is not None and (
        case_restriction[0] in (RESTRICTION_NONE, RESTRICTION_LOGIN)
        or case_restriction == restriction
    )


def document_for_page(
    page: Page, *, restrictions: ViewRestrictions | None = None
) -> SearchDocument | None:
    """The search document for a page, or None if search must not find it.

    Works on any page class with ``search_indexable = True``. Story fields (intro,
    body, unit, topics, tags, positioning_themes) are read when present; a page
    may also provide ``summary`` (used when it has no intro), ``search_people()``
    (users), ``search_case()`` (a case page or None) and ``search_date()``.
    ``documents_for_pages`` builds many at once.
    """
    page = page.specific
    if not is_indexable(page) or page.is_root() or not page.live or page.expired:
        return None
    restriction = restrictions.of(page) if restrictions else restriction_of(page)
    if restriction is None:
        return None
    restriction_type, group_ids = restriction

    unit = getattr(page, "unit", None)
    sector = unit.sector if unit is not None else None
    topics = getattr(page, "topics", None)
    tags = getattr(page, "tags", None)
    people = list(page.search_people()) if hasattr(page, "search_people") else []
    case = page.search_case() if hasattr(page, "search_case") else None
    content_type = content_type_of(page)
    if case is None and content_type == "case":
        case = page
    if case is not None and not _case_shown_with(case, page, restriction, restrictions):
        # An article's case is searchable text: a case the article's readers
        # may not see must not make the article findable by its title.
        case = None
    published = (
        (page.search_date() if hasattr(page, "search_date") else None)
        or page.first_published_at
        or page.last_published_at
        or timezone.now()
    )
    if isinstance(published, datetime.date) and not isinstance(
        published, datetime.datetime
    ):
        published = timezone.make_aware(
            datetime.datetime.combine(published, datetime.time(12))
        )

    return SearchDocument(
        id=page.pk,
        url=page.get_url() or page.url_path,
        content_type=content_type,
        title=page.title,
        published=published,
        intro=field_text(page, "intro") or field_text(page, "summary"),
        body=flatten_body(page),
        unit=unit.slug if unit else "",
        sector=sector.slug if sector and sector != unit else "",
        topics=sorted(topic.slug for topic in topics.all()) if topics else [],
        tags=sorted(tag.name for tag in tags.all()) if tags else [],
        themes=sorted(getattr(page, "positioning_themes", None) or []),
        case_id=case.pk if case is not None else None,
        case_title=case.title if case is not None and case.pk != page.pk else "",
        people=sorted(person.get_username() for person in people),
        people_names=[
            person.get_full_name() or person.get_username() for person in people
        ],
        restriction=restriction_type,
        group_ids=group_ids,
    )


# What documents about a page copy from the page's own document: an update
# carries its case's title, owners and (in its URL) the case's address; an
# article keeps its case only while its readers may see the case.
COPIED_BY_RELATED = (
    "title",
    "url",
    "restriction",
    "group_ids",
    "people",
    "people_names",
)


def copied_by_related(document: SearchDocument | None) -> tuple | None:
    """The part of a document that documents about its page depend on."""
    if document is None:
        return None
    return tuple(getattr(document, name) for name in COPIED_BY_RELATED)


BATCH_SIZE = 500


def documents_for_pages(
    page_ids: Iterable[int], *, batch_size: int = BATCH_SIZE
) -> Iterator[tuple[int, SearchDocument | None]]:
    """``(page id, document_for_page(page))`` for many pages, in their order."""
    return DocumentBuilder().documents(page_ids, batch_size=batch_size)


class DocumentBuilder:
    """Builds the documents of many pages with a fixed number of queries per batch.

    A batch reads the pages of each class with their unit and sector, topics,
    tags and the relations the class names in ``search_select_related`` /
    ``search_prefetch_related``; their parents when those are indexable (an
    update reads its case); their ancestors for the view restrictions, which
    are read once per builder. Pages that are gone or not indexable give None.
    """

    def __init__(self) -> None:
        self.restrictions = ViewRestrictions()
        # Indexable pages read so far that other pages may have as parent.
        self._parents: dict[str, Page] = {}

    def pages(self, page_ids: Iterable[int]) -> dict[int, Page]:
        """The indexable pages among ``page_ids``, ready for ``document()``."""
        pages = _indexable_pages(Q(pk__in=list(page_ids)))
        self._attach_parents(list(pages.values()))
        cases = [
            case
            for page in pages.values()
            if hasattr(page, "search_case") and (case := page.search_case())
        ]
        self.restrictions.load([*pages.values(), *cases])
        return pages

    def remember(self, page: Page) -> None:
        """Let pages read later find ``page`` as their parent without a query."""
        self._parents[page.path] = page

    def document(self, page: Page) -> SearchDocument | None:
        return document_for_page(page, restrictions=self.restrictions)

    def documents(
        self, page_ids: Iterable[int], *, batch_size: int = BATCH_SIZE
    ) -> Iterator[tuple[int, SearchDocument | None]]:
        page_ids = iter(page_ids)
        while batch := list(islice(page_ids, batch_size)):
            pages = self.pages(batch)
            for page_id in batch:
                page = pages.get(page_id)
                yield page_id, self.document(page) if page is not None else None

    def _attach_parents(self, pages: list[Page]) -> None:
        """Give pages their indexable parents (an update its case), read in bulk.

        They go where treebeard's ``get_parent()`` keeps the parent it read,
        so the page's own code finds them without a query.
        """
        by_path = {**self._parents, **{page.path: page for page in pages}}
        wanted = {page.path[:-STEP] for page in pages if page.depth > 1}
        missing = wanted - by_path.keys()
        if missing:
            for parent in _indexable_pages(Q(path__in=missing)).values():
                self.remember(parent)
                by_path[parent.path] = parent
        for page in pages:
            parent = by_path.get(page.path[:-STEP])
            if parent is not None:
                page._cached_parent_obj = parent


def _relations(model: type[Page]) -> tuple[list[str], list[str]]:
    """What ``document_for_page`` reads of a page class: (select, prefetch)."""
    fields = {field.name: field for field in model._meta.get_fields()}
    select = list(getattr(model, "search_select_related", ()))
    prefetch = list(getattr(model, "search_prefetch_related", ()))
    unit = fields.get("unit")
    if unit is not None and unit.many_to_one:
        select.append("unit__parent")  # the unit's sector
    prefetch += [name for name in ("topics", "tags") if name in fields]
    return select, prefetch


def _indexable_pages(condition: Q) -> dict[int, Page]:
    """The indexable pages matching ``condition``, specific, relations loaded."""
    ids_by_model: dict[type[Page], list[int]] = defaultdict(list)
    rows = Page.objects.filter(condition).values_list("pk", "content_type_id")
    for pk, content_type_id in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and getattr(model, "search_indexable", False):
            ids_by_model[model].append(pk)
    pages: dict[int, Page] = {}
    for model, ids in ids_by_model.items():
        select, prefetch = _relations(model)
        queryset = (
            model._default_manager.filter(pk__in=ids)
            .select_related(*select)
            .prefetch_related(*prefetch)
        )
        pages.update((page.pk, page) for page in queryset)
    return pages
