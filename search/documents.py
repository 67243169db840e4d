"""One representation of everything search can find, built from pages and
from uploaded documents."""

import dataclasses
import datetime
import html
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Prefetch, Q, Value
from django.db.models.constants import LOOKUP_SEP
from django.utils import timezone
from taggit.managers import TaggableManager
from wagtail.blocks import RichTextBlock
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site

from search.extract import EXTENSIONS, extension_of, text_of_file
from search.searchable import FILE_CONTENT_TYPE, Searchable, is_searchable
from search.text import normalize

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

    def __post_init__(self) -> None:
        # Every engine indexes NFC text without soft hyphens: a decomposed "å"
        # or a hyphenation hint must not hide a word.
        for name in ("title", "intro", "body", "case_title"):
            setattr(self, name, normalize(getattr(self, name)))
        self.tags = [normalize(tag) for tag in self.tags]
        self.people_names = [normalize(name) for name in self.people_names]

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
        # A shallow copy: the lists hold strings and numbers, and the deep copy
        # dataclasses.asdict makes showed in the profile of a rebuild.
        data = {}
        for name in FIELD_NAMES:
            value = getattr(self, name)
            data[name] = list(value) if isinstance(value, list) else value
        data["published"] = self.published.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "SearchDocument":
        values = {key: value for key, value in data.items() if key in FIELD_NAMES}
        published = values.get("published")
        if isinstance(published, str):
            values["published"] = datetime.datetime.fromisoformat(published)
        return cls(**values)


FIELD_NAMES = tuple(item.name for item in dataclasses.fields(SearchDocument))


# The end of a block element, or a line break: text on both sides of it must
# stay apart ("<p>a</p><p>b</p>" is "a b"), as in Wagtail's own flattening.
_BLOCK_END = re.compile(
    r"</(?:p|h[1-6]|li|blockquote)>|<(?:br|hr)\s*/?>", re.IGNORECASE
)
_TAG = re.compile(r"<[^>]*>")


def rich_text_plain(source: str) -> str:
    """Rich text (the editor's well-formed HTML) as plain text: tags removed,
    entities decoded, so "&lt;Enter&gt;" written in a page stays "<Enter>".

    What ``wagtail.rich_text.get_text_for_indexing`` gives, by two regular
    expressions instead of Django's HTML parser: a rebuild flattens every
    paragraph of every page, and the parser was a third of its time. The text
    is only indexed and shown escaped, never rendered as HTML.
    """
    return html.unescape(_TAG.sub("", _BLOCK_END.sub(" ", source))).strip()


def flatten_body(page: Page) -> str:
    """The page's StreamField body as plain text, one line per text block.

    Wagtail's searchable content is plain text already (rich text has its tags
    removed and its entities decoded); top-level rich text blocks, most of a
    body, are flattened by ``rich_text_plain`` directly.
    """
    body = getattr(page, "body", None)
    if body is None:
        return ""
    stream_block = getattr(body, "stream_block", None)
    if stream_block is None:
        return rich_text_plain(str(body))
    if not stream_block.search_index:
        return ""
    parts = []
    # The raw (stored) data of a rich text block is its source: reading it
    # there spares Wagtail's conversion of every block to Python values. Other
    # blocks are converted as Wagtail does, in bulk per block type.
    for index, item in enumerate(body.raw_data):
        block = stream_block.child_blocks.get(item["type"])
        if isinstance(block, RichTextBlock):
            if block.search_index:
                parts.append(rich_text_plain(str(item["value"] or "")))
        elif block is not None:
            child = body[index]
            parts.extend(block.get_searchable_content(child.value))
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
        return rich_text_plain(str(value))
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


def restrictions_with_groups(model, place: str) -> list[tuple[object, str, frozenset]]:
    """Every view restriction of ``model`` (pages' or collections') as (its
    ``place`` field, its type, its group ids), in one query: a row per
    restriction and group, the groups joined rather than prefetched."""
    groups: dict[tuple[int, object, str], set[int]] = defaultdict(set)
    rows = model.objects.values_list(
        "pk", place, "restriction_type", "groups"
    ).order_by("pk")
    for pk, where, restriction_type, group_id in rows:
        found = groups[pk, where, restriction_type]
        if group_id is not None:
            found.add(group_id)
    return [
        (where, restriction_type, frozenset(group_ids))
        for (_pk, where, restriction_type), group_ids in groups.items()
    ]


class ViewRestrictions:
    """``restriction_of`` for many pages, with a query per batch, not per page.

    The restrictions themselves are read once (there are few: one per private
    subtree); ``load()`` reads the ancestors of a batch of pages at once. As in
    Wagtail, an alias (or an alias among the ancestors) follows its source page.
    """

    def __init__(self) -> None:
        self._on_page: dict[int, list[tuple[str, frozenset[int]]]] = defaultdict(list)
        for page_id, restriction_type, group_ids in restrictions_with_groups(
            PageViewRestriction, "page_id"
        ):
            self._on_page[page_id].append((restriction_type, group_ids))
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


def findable_restriction(
    page: Page, *, restrictions: ViewRestrictions | None = None
) -> Restriction | None:
    """The page's effective view restriction when search may find the page: an
    indexable, live, unexpired page that is not password protected. Else None."""
    if not is_searchable(page) or page.is_root() or not page.live or page.expired:
        return None
    return restrictions.of(page) if restrictions else restriction_of(page)


def document_for_page(
    page: Page, *, builder: "DocumentBuilder | None" = None
) -> SearchDocument | None:
    """The search document for a page, or None if search must not find it.

    Works on any ``Searchable`` page class (search/searchable.py). Story fields
    (intro, body, unit, topics, tags, positioning_themes) are read when present,
    and ``summary`` when there is no intro.
    ``DocumentBuilder`` builds many at once, with what they read loaded in bulk.
    """
    page = page.specific
    restrictions = builder.restrictions if builder is not None else None
    restriction = findable_restriction(page, restrictions=restrictions)
    if restriction is None:
        return None
    restriction_type, group_ids = restriction

    unit = getattr(page, "unit", None)
    sector = unit.sector if unit is not None else None
    people = list(page.search_people())
    case = page.search_case()
    content_type = page.search_content_type
    if case is None and content_type == "case":
        case = page
    if case is not None and not _case_shown_with(case, page, restriction, restrictions):
        # An article's case is searchable text: a case the article's readers
        # may not see must not make the article findable by its title.
        case = None
    published = (
        page.search_date()
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

    # By username, so a document is the same however its people were read
    # (one by one, or in bulk, where the owners' order is not kept).
    people = sorted(people, key=lambda person: person.get_username())
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
        topics=_copied_values(page, "topics", builder),
        tags=_copied_values(page, "tags", builder),
        themes=sorted(getattr(page, "positioning_themes", None) or []),
        case_id=case.pk if case is not None else None,
        case_title=case.title if case is not None and case.pk != page.pk else "",
        people=[person.get_username() for person in people],
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


def retitled_case(before: SearchDocument | None, after: SearchDocument | None) -> bool:
    """Whether a page changed, of what documents about it copy, its title only.

    Those documents then differ only in their ``case_title`` (see
    ``document_for_page``): ``with_case_title`` gives them without rebuilding.
    """
    return (
        before is not None
        and after is not None
        and before.title != after.title
        and copied_by_related(dataclasses.replace(before, title=after.title))
        == copied_by_related(after)
    )


def with_case_title(document: SearchDocument, title: str) -> SearchDocument:
    """A document about a case (``case_id``) that was renamed to ``title``."""
    return dataclasses.replace(document, case_title=title)


BATCH_SIZE = 500
# The many-to-many relations a document copies, and the field it copies of each.
COPIED_VALUES = {"topics": "slug", "tags": "name"}


def _copied_values(
    page: Page, name: str, builder: "DocumentBuilder | None" = None
) -> list[str]:
    """The sorted values a document copies of one of the page's many-to-many
    relations: read in bulk by the builder, or from the page itself."""
    if builder is not None and (values := builder.values_of(page, name)) is not None:
        return values
    manager = getattr(page, name, None)
    if manager is None:
        return []
    return sorted(getattr(item, COPIED_VALUES[name]) for item in manager.all())


def documents_for_pages(
    page_ids: Iterable[int], *, batch_size: int = BATCH_SIZE
) -> Iterator[tuple[int, SearchDocument | None]]:
    """``(page id, document_for_page(page))`` for many pages, in their order."""
    return DocumentBuilder().documents(page_ids, batch_size=batch_size)


class DocumentBuilder:
    """Builds the documents of many pages with a fixed number of queries per batch.

    A batch reads the pages of each class with their unit and sector and the
    relations the class names in ``search_select_related`` /
    ``search_prefetch_related``; the topics and tags of the whole batch in one
    query (values, not model instances); their parents when those may be
    indexable (an update reads its case); their ancestors for the view
    restrictions, which are read once per builder. The sites' root paths, which
    ``Page.get_url()`` would read for every page, are read once too. Pages that
    are gone or not indexable give None.
    """

    def __init__(self) -> None:
        self.restrictions = ViewRestrictions()
        # Indexable pages read so far that other pages may have as parent.
        self._parents: dict[str, Page] = {}
        # Page id -> relation name -> sorted values (COPIED_VALUES), for the
        # pages read through this builder.
        self._values: dict[int, dict[str, list[str]]] = {}
        self._site_root_paths: list | None = None

    def pages(self, page_ids: Iterable[int]) -> dict[int, Page]:
        """The indexable pages among ``page_ids``, ready for ``document()``."""
        return self.load(_page_rows(Q(pk__in=list(page_ids))))

    def load(self, rows: Iterable[tuple[int, int]]) -> dict[int, Page]:
        """``pages()`` for rows of (page id, content type id) already read (for
        instance while locking the pages)."""
        pages = _indexable_pages(rows)
        self._load_values(pages)
        self._attach_parents(list(pages.values()))
        cases = [case for page in pages.values() if (case := page.search_case())]
        self.restrictions.load([*pages.values(), *cases])
        if self._site_root_paths is None:
            self._site_root_paths = Site.get_site_root_paths()
        for page in pages.values():
            # Where Page.get_url() keeps the root paths it read (Wagtail's cache).
            page._wagtail_cached_site_root_paths = self._site_root_paths
        return pages

    def remember(self, page: Page) -> None:
        """Let pages read later find ``page`` as their parent without a query."""
        self._parents[page.path] = page

    def values_of(self, page: Page, name: str) -> list[str] | None:
        """The page's values of a COPIED_VALUES relation, None if not read."""
        values = self._values.get(page.pk)
        return values.get(name) if values is not None else None

    def document(self, page: Page) -> SearchDocument | None:
        return document_for_page(page, builder=self)

    def documents(
        self, page_ids: Iterable[int], *, batch_size: int = BATCH_SIZE
    ) -> Iterator[tuple[int, SearchDocument | None]]:
        page_ids = iter(page_ids)
        while batch := list(islice(page_ids, batch_size)):
            pages = self.pages(batch)
            for page_id in batch:
                page = pages.get(page_id)
                yield page_id, self.document(page) if page is not None else None

    def _load_values(self, pages: dict[int, Page]) -> None:
        """Read the COPIED_VALUES relations of ``pages`` in one query (those of
        pages read earlier are forgotten: ``document()`` then reads them from
        the page)."""
        self._values = {}
        ids_by_source: dict[tuple, set[int]] = defaultdict(set)
        for page in pages.values():
            names = self._values.setdefault(page.pk, {})
            for name, source in _value_sources(type(page)).items():
                names[name] = []
                ids_by_source[source].add(page.pk)
        queries = [
            through._default_manager.filter(**{f"{column}__in": sorted(ids)})
            .annotate(relation=Value(name))
            .values_list(column, "relation", value)
            .order_by()
            for (through, column, name, value), ids in ids_by_source.items()
        ]
        if not queries:
            return
        for page_id, name, value in queries[0].union(*queries[1:], all=True):
            self._values[page_id][name].append(value)
        for page in pages.values():
            for values in self._values[page.pk].values():
                values.sort()

    def _attach_parents(self, pages: list[Page]) -> None:
        """Give pages their indexable parents (an update its case), read in bulk.

        They go where treebeard's ``get_parent()`` keeps the parent it read,
        so the page's own code finds them without a query. Only what the
        parent's class names for search is read of it (its case's owners, say).
        """
        by_path = {**self._parents, **{page.path: page for page in pages}}
        wanted = {
            page.path[:-STEP]
            for page in pages
            if page.depth > 1 and _may_have_indexable_parent(type(page))
        }
        missing = wanted - by_path.keys()
        if missing:
            rows = _page_rows(Q(path__in=missing))
            for parent in _indexable_pages(rows, as_parents=True).values():
                self.remember(parent)
                by_path[parent.path] = parent
        for page in pages:
            parent = by_path.get(page.path[:-STEP])
            if parent is not None:
                page._cached_parent_obj = parent


@cache
def _may_have_indexable_parent(model: type[Page]) -> bool:
    return any(
        issubclass(parent, Searchable) for parent in model.allowed_parent_page_models()
    )


@cache
def _value_sources(model: type[Page]) -> dict[str, tuple]:
    """Where the COPIED_VALUES relations of a page class are stored: per name,
    (through model, its column naming the page, name, lookup of the value).

    Read from the through tables, not through the page class: taggit's join
    from a page subclass to tags that point at ``Page`` gets the column wrong.
    """
    sources = {}
    for name, attribute in COPIED_VALUES.items():
        try:
            relation = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if isinstance(relation, TaggableManager):
            through, column, target = relation.through, "content_object_id", "tag"
        elif relation.many_to_many:
            through = relation.remote_field.through
            column = f"{relation.m2m_field_name()}_id"
            target = relation.m2m_reverse_field_name()
        else:
            continue
        sources[name] = (through, column, name, f"{target}__{attribute}")
    return sources


def _relations(model: type[Page], *, as_parent: bool = False) -> tuple[list, list]:
    """What ``document_for_page`` reads of a page class: (select, prefetch).

    A parent is read for what its children's documents copy of it only: the
    relations the class names for search.
    """
    fields = {field.name: field for field in model._meta.get_fields()}
    select = list(model.search_select_related)
    prefetch = [
        _joined_prefetch(model, lookup) for lookup in model.search_prefetch_related
    ]
    unit = fields.get("unit")
    if not as_parent and unit is not None and unit.many_to_one:
        select.append("unit__parent")  # the unit's sector
    return select, prefetch


def _joined_prefetch(model: type[Page], lookup: str | Prefetch) -> str | Prefetch:
    """``"rows__user"`` (a relation, then a foreign key of its rows) as one
    prefetch query with the foreign key joined, instead of two queries."""
    if not isinstance(lookup, str) or lookup.count(LOOKUP_SEP) != 1:
        return lookup
    name, key = lookup.split(LOOKUP_SEP)
    try:
        related = model._meta.get_field(name).related_model
        target = related._meta.get_field(key)
    except (FieldDoesNotExist, AttributeError):
        return lookup
    if related is None or not (target.many_to_one or target.one_to_one):
        return lookup
    return Prefetch(name, queryset=related._default_manager.select_related(key))


def _page_rows(condition: Q) -> list[tuple[int, int]]:
    """(page id, content type id) of the pages matching ``condition``."""
    return list(Page.objects.filter(condition).values_list("pk", "content_type_id"))


def _indexable_pages(
    rows: Iterable[tuple[int, int]], *, as_parents: bool = False
) -> dict[int, Page]:
    """The indexable pages among ``rows`` (page id, content type id), specific,
    with what ``document_for_page`` reads (``as_parents``: what their
    children's documents read) loaded."""
    ids_by_model: dict[type[Page], list[int]] = defaultdict(list)
    for pk, content_type_id in rows:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and issubclass(model, Searchable):
            ids_by_model[model].append(pk)
    pages: dict[int, Page] = {}
    for model, ids in ids_by_model.items():
        select, prefetch = _relations(model, as_parent=as_parents)
        queryset = (
            model._default_manager.filter(pk__in=ids)
            .select_related(*select)
            .prefetch_related(*prefetch)
        )
        pages.update((page.pk, page) for page in queryset)
    return pages


# Uploaded documents ----------------------------------------------------------
# Wagtail's documents are found beside the pages, as type FILE_CONTENT_TYPE.
# They share the index with pages under negative ids (a document's id is minus
# its primary key), so every engine, filter and access rule works on them
# unchanged. Their view restrictions are those of their collection and the
# collection's ancestors, applied exactly like a page's: "password" is never
# indexed, "groups" only to members, "login" to anyone signed in.


def file_search_id(document_pk: int) -> int:
    """The id in the search index of the uploaded document ``document_pk``."""
    return -document_pk


def is_file_search_id(search_id: int) -> bool:
    return search_id < 0


def file_pk(search_id: int) -> int:
    return -search_id


class CollectionRestrictions:
    """The effective view restriction of collections, read once (there are few
    restrictions: one per private collection)."""

    def __init__(self) -> None:
        self._restrictions = restrictions_with_groups(
            CollectionViewRestriction, "collection__path"
        )

    def of(self, collection_path: str) -> Restriction | None:
        """The restriction of the collection at ``collection_path``, or None when
        its documents must not be indexed (a password)."""
        return _effective_restriction(
            [
                (restriction_type, group_ids)
                for path, restriction_type, group_ids in self._restrictions
                if collection_path.startswith(path)
            ]
        )


def document_for_file(
    document: Model,
    *,
    restrictions: CollectionRestrictions | None = None,
    text: str | None = None,
) -> SearchDocument | None:
    """The search document for an uploaded document, or None if search must not
    find it. Its text is read from the file (``search.extract``) unless given."""
    restriction = (restrictions or CollectionRestrictions()).of(
        document.collection.path
    )
    if restriction is None:
        return None
    restriction_type, group_ids = restriction
    if text is None:
        text = file_text(document)
    return SearchDocument(
        id=file_search_id(document.pk),
        url=document.url,
        content_type=FILE_CONTENT_TYPE,
        title=document.title,
        published=document.created_at or timezone.now(),
        body=text,
        tags=sorted(tag.name for tag in document.tags.all()),
        restriction=restriction_type,
        group_ids=group_ids,
    )


def file_text(document: Model) -> str:
    """The text of the document's file; "" when there is none to read."""
    name = document.file.name or ""
    if extension_of(name) not in EXTENSIONS:
        return ""
    try:
        with document.open_file() as file:
            return text_of_file(file, name=name)
    except (OSError, ValueError):  # gone from the storage: found by its title
        return ""


def documents_for_files(
    document_pks: Iterable[int],
    *,
    batch_size: int = 50,
    texts: dict[int, str] | None = None,
) -> Iterator[tuple[int, SearchDocument | None]]:
    """``(search id, document_for_file(document))`` for many uploaded documents,
    in their order; None for one that is gone or must not be found. ``texts``
    (by search id) are the texts already read, so their files are not read."""
    texts = texts or {}
    document_model = get_document_model()
    restrictions = CollectionRestrictions()
    document_pks = iter(document_pks)
    while batch := list(islice(document_pks, batch_size)):
        found = (
            document_model.objects.select_related("collection")
            .prefetch_related("tags")
            .in_bulk(batch)
        )
        for pk in batch:
            document = found.get(pk)
            yield (
                file_search_id(pk),
                document_for_file(
                    document,
                    restrictions=restrictions,
                    text=texts.get(file_search_id(pk)),
                )
                if document is not None
                else None,
            )
