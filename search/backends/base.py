"""The contract every search engine fulfils."""

import abc
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from intranet.core.roles import group_ids
from search.documents import SearchDocument
from search.query import SearchQuery

PER_PAGE = 20
# Facets shown on the search page, keyed by the GET parameter they set.
FACETS = ("type", "unit", "topic", "theme", "year")
FACET_SIZE = 25
# A text search matching more pages than this ranks and counts the newest this
# many of them (like Elasticsearch's track_total_hits): a word on nearly every
# page would otherwise cost the whole index on every search.
MANY_HITS = 1000


class SearchUnavailable(Exception):
    """The engine cannot be reached or refused the request."""


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass
class SearchHit:
    document: SearchDocument
    title_html: SafeString
    snippet_html: SafeString
    score: float = 0.0


@dataclass
class SearchResults:
    hits: list[SearchHit]
    total: int
    facets: dict[str, list[FacetCount]] = field(default_factory=dict)
    # "Mente du …?": a query text with a much better known spelling.
    suggestion: str | None = None
    # The hits are for ``corrected`` (other spellings of words that found
    # nothing); ``uncorrected`` searches the words as typed.
    corrected: str | None = None
    uncorrected: str | None = None
    # Too few pages held all the words (``complete`` of them): the hits hold
    # most of the words, those with the most first.
    relaxed: bool = False
    complete: int = 0
    # More than ``MANY_HITS`` pages matched: the hits and counts are of the
    # newest ``capped`` of them (0: of every match).
    capped: int = 0
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.hits else 0

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.hits) - 1 if self.hits else 0


class SearchBackend(abc.ABC):
    """``search(query, user)``, ``index(documents)``, ``remove(ids)``, ``rebuild()``."""

    name: str = ""

    @abc.abstractmethod
    def search(
        self, query: SearchQuery, user, *, per_page: int = PER_PAGE
    ) -> SearchResults:
        """Hits for one page of the query that the user may see, with facets."""

    @abc.abstractmethod
    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace documents; return how many were written."""

    @abc.abstractmethod
    def remove(self, ids: Sequence[int]) -> None:
        """Remove documents by page id (unknown ids are ignored)."""

    @abc.abstractmethod
    def rebuild(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        """Replace the whole index with ``documents``; return how many."""

    @abc.abstractmethod
    def count(self) -> int:
        """How many documents the index holds."""

    def refresh(self) -> None:  # noqa: B027 - optional hook, no-op by default
        """Make recent writes searchable now (engines that refresh on a timer)."""
        return None

    def rebuild_running(self) -> bool:
        """Whether a ``rebuild()`` is filling a new index right now, so that a
        write made now must be replayed once it has finished."""
        return False


@dataclass(frozen=True)
class Access:
    """What a searcher may read: ``group_ids`` None means everything (superuser)."""

    authenticated: bool
    group_ids: tuple[int, ...] | None

    @classmethod
    def for_user(cls, user) -> "Access":
        if user is None or not user.is_authenticated:
            return cls(authenticated=False, group_ids=())
        if user.is_superuser:
            return cls(authenticated=True, group_ids=None)
        return cls(authenticated=True, group_ids=group_ids(user))
