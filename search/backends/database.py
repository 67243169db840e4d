"""The default engine: the project's own database.

Both engines index the words as ``search.text`` analyses them in Python
(Norwegian Snowball stems corrected by a lexicon, folded stems, the parts of
compounds), so they find the same. SQLite: FTS5 over that text, ranked with
bm25. PostgreSQL: tsvector columns of that text with the `simple`
configuration, written with the entry, ranked with ts_rank. Filters and facets
are ORM queries over the same table.
"""

import datetime
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import Any

from django.db import connection, transaction
from django.db.models import BooleanField, Count, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from intranet.core.selectors import cached_for_content
from search import bulk, dictionary, text
from search.backends import kept
from search.backends.base import (
    FACET_SIZE,
    FACETS,
    MANY_HITS,
    PER_PAGE,
    Access,
    FacetCount,
    SearchBackend,
    SearchHit,
    SearchResults,
)
from search.documents import (
    RESTRICTION_GROUPS,
    RESTRICTION_LOGIN,
    RESTRICTION_NONE,
    SearchDocument,
)
from search.models import IndexEntry, IndexTerm
from search.query import SearchQuery

EPOCH = datetime.date(1970, 1, 1)
BATCH = 500
# Days after which the recency boost has halved; a fresh document ranks up to
# twice as high as an old one with the same text score.
RECENCY_DAYS = 90.0
#: The recency boost in SQL, of today's day number; ``{greatest}`` is the
#: database's name for the larger of two values.
RECENCY_SQL = (
    "(1.0 + 1.0 / (1.0 + {greatest}(%s - search_indexentry.published_day, 0)"
    f" / {RECENCY_DAYS}))"
)
# Columns stored inside IndexEntry.document are those not kept as columns.
COLUMN_FIELDS = ("id", "url", "title", "intro", "body")

FTS_TABLE = "search_entry_fts"
# The entry's columns, its key first.
ENTRY_FIELDS = [IndexEntry._meta.get_field("page_id")] + [
    field for field in IndexEntry._meta.concrete_fields if not field.primary_key
]
# Values the database driver cannot take as they are (a datetime, a JSON value).
ADAPTED_COLUMNS = {"published", "document"}
FTS_REPLACE = (
    f"INSERT OR REPLACE INTO {FTS_TABLE} "  # noqa: S608
    f"(rowid, {', '.join(text.FTS_COLUMNS + text.FTS_FOLDED_COLUMNS)}) "
    f"VALUES ({', '.join(['%s'] * (1 + 2 * len(text.FTS_COLUMNS)))})"
)
# The PostgreSQL text search configuration: the words come stemmed already.
TS_CONFIG = "simple"


def ts_vector(columns: Sequence[str]) -> str:
    """The weighted tsvector of the four text columns (SQL expressions of the
    analysed text), highest weight first."""
    return " || ".join(
        f"setweight(to_tsvector('{TS_CONFIG}'::regconfig, {column}), '{weight}')"
        for column, weight in zip(columns, "ABCD", strict=True)
    )


# bm25 weights of the FTS columns: title > intro > body > the rest, and a
# folded-only match ("Sorum" for "Sørum") half of an exact-letter one.
FTS_WEIGHTS = (10.0, 4.0, 1.0, 0.5, 5.0, 2.0, 0.5, 0.25)
# Walking the entries newest first tests this many times more entries per
# match found than taking the matches from PostgreSQL's text index costs
# (``_walk_costs_more``).
WALK_RATIO = 2
# Fewer hits than this on all the words: look for other spellings of the words
# that find little, and then for the pages with most of the words.
FEW_HITS = 3
# A spelling found in this many times the documents of the typed word's is
# offered as "Mente du …?".
SUGGEST_RATIO = 10
# The most time the spelling lookups of one search may take.
SPELLING_SECONDS = 0.2
COLUMN_FACETS = {"type", "unit", "year"}
#: The columns an entry is counted by in the facets of ``COLUMN_FACETS``.
FACET_COLUMNS = ("content_type", "unit", "sector", "year")
TERM_FACETS = {"topic", "theme"}
#: How long the counts of a search by filters alone are kept at most.
FACETS_CACHE_SECONDS = 60 * 60


@cache
def entry_upsert(vendor: str, *, with_text: bool = False) -> str:
    """INSERT of entries that replaces those already there (SQLite 3.24+ and
    PostgreSQL spell it the same). SQLite: one entry, for ``executemany``.
    PostgreSQL: a batch of entries with distinct ids in one statement, their
    columns as arrays (``bulk.array_params`` of the rows); ``with_text``, with
    the tsvector columns, from the stems and folded stems of ``vector_row``
    after each row's columns. Written in the same statement, an entry is one
    row version whose indexes are each updated once; an UPDATE of the vectors
    after the INSERT wrote every index twice (the three GIN indexes included),
    and left a dead row behind."""
    quote = connection.ops.quote_name
    columns = [quote(field.column) for field in ENTRY_FIELDS]
    arrays = [
        (column, field.db_type(connection))
        for column, field in zip(columns, ENTRY_FIELDS, strict=True)
    ]
    selected = []
    if with_text:
        stems = [f"stems{weight}" for weight in "ABCD"]
        folded = [f"folded{weight}" for weight in "ABCD"]
        arrays += [(name, "text") for name in stems + folded]
        selected = [*columns, ts_vector(stems), ts_vector(folded)]
        columns += ["search_vector", "search_folded"]
    rows = bulk.rows_from(arrays, vendor=vendor, select=selected)
    updates = ", ".join(f"{column} = excluded.{column}" for column in columns[1:])
    return (
        f"INSERT INTO {quote(IndexEntry._meta.db_table)} ({', '.join(columns)}) "  # noqa: S608
        f"{rows} ON CONFLICT ({columns[0]}) DO UPDATE SET {updates}"
    )


@cache
def term_insert(vendor: str) -> str:
    """INSERT of terms: one for ``executemany`` on SQLite, a batch as arrays
    (``bulk.array_params``) on PostgreSQL."""
    arrays = [
        (column, IndexTerm._meta.get_field(name).db_type(connection))
        for column, name in (
            ("entry_id", "entry"),
            ("kind", "kind"),
            ("value", "value"),
        )
    ]
    return (
        f"INSERT INTO {IndexTerm._meta.db_table} "  # noqa: S608 - the model's names
        f"({', '.join(column for column, _type in arrays)}) "
        f"{bulk.rows_from(arrays, vendor=vendor)}"
    )


def refresh_statistics() -> None:
    """After a rebuild: fresh statistics let the query planner see how
    selective text and filters are. On PostgreSQL, outside a transaction,
    also VACUUM: the rebuild's dead rows go, and the visibility map lets the
    facet counts read the indexes alone (at 100,000 entries a facet-only
    search took 124 ms right after a rebuild, 80 ms after it)."""
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    command = "VACUUM (ANALYZE)" if vacuum else "ANALYZE"
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # The full text index written in batches is many segments, each
            # read by every search: merged into one (about 5 s at 100,000
            # entries), a broad word at 100,000 entries took 65 ms, not 91.
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')"  # noqa: S608
            )
        for table in (IndexEntry._meta.db_table, IndexTerm._meta.db_table):
            cursor.execute(f"{command} {table}")


def batched(items: Iterable, size: int):
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of a local (Europe/Oslo) day, as an aware datetime."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def day_number(day: datetime.date) -> int:
    return (day - EPOCH).days


def terms_of(document: SearchDocument) -> list[tuple[str, str]]:
    pairs = [("topic", slug) for slug in document.topics]
    pairs += [("theme", theme) for theme in document.themes]
    pairs += [("tag", tag.lower()[:150]) for tag in document.tags]
    pairs += [("person", username) for username in document.people]
    pairs += [("group", str(group_id)) for group_id in document.group_ids]
    return list(dict.fromkeys(pairs))


def fts_row(document: SearchDocument) -> tuple:
    """The document's row of the SQLite full text table: stems, folded stems."""
    columns = [text.analysed(part) for part in text_of(document)]
    return (
        document.id,
        *(stems for stems, _folded in columns),
        *(folded for _stems, folded in columns),
    )


def vector_row(document: SearchDocument) -> tuple:
    """The parameters of the two tsvector columns: stems, folded stems."""
    return fts_row(document)[1:]


def text_of(document: SearchDocument) -> tuple[str, str, str, str]:
    """The full text columns, highest weight first: title, intro, body, extra."""
    return (document.title, document.intro, document.body, document.extra_text)


def entry_values(document: SearchDocument) -> dict[str, Any]:
    """The columns of the document's ``IndexEntry``, by field name."""
    data = document.to_dict()
    for name in COLUMN_FIELDS:
        data.pop(name)
    local_date = document.local_date
    return {
        "page_id": document.id,
        "restriction": document.restriction,
        "content_type": document.content_type,
        "unit": document.unit,
        "sector": document.sector,
        "year": local_date.year,
        "published_day": day_number(local_date),
        "case_id": document.case_id,
        "published": document.published,
        "url": document.url[:1000],
        "title": document.title[:255],
        "intro": document.intro,
        "body": document.body,
        "extra": document.extra_text,
        "document": data,
    }


def document_of(entry: IndexEntry) -> SearchDocument:
    return SearchDocument.from_dict(
        {
            **entry.document,
            "id": entry.page_id,
            "url": entry.url,
            "title": entry.title,
            "intro": entry.intro,
            "body": entry.body,
        }
    )


def snippet_source(entry: IndexEntry) -> str:
    """The intro and the body, without the intro twice when the body opens with it."""
    body = " ".join(entry.body.split())
    if entry.intro and body.startswith(entry.intro):
        return body
    return f"{entry.intro} {body}"


def term_ids(kind: str, values: Iterable[str]) -> QuerySet:
    return IndexTerm.objects.filter(kind=kind, value__in=list(values)).values(
        "entry_id"
    )


@dataclass
class Outcome:
    """What a search settled on: the query (maybe with other spellings), the
    clauses it asks for (``minimum``, None for all), its matches and counts."""

    parsed: text.ParsedText
    base: QuerySet
    total: int
    facets: dict[str, list[FacetCount]]
    minimum: int | None = None
    # How many entries match every clause, when ``minimum`` asks for fewer.
    complete: int = 0
    corrected: str | None = None
    uncorrected: str | None = None
    suggestion: str | None = None
    # Set when other spellings found more than MANY_HITS: the newest of them
    # stand for the match, as for a first search that finds so many.
    capped: int = 0
    unmatched: QuerySet | None = None


def expand(
    parsed: text.ParsedText, spellings: Mapping[text.Term, list]
) -> text.ParsedText:
    """The query with each term in ``spellings`` widened to its spellings."""
    return text.ParsedText(
        clauses=tuple(
            tuple(
                widened
                for term in clause
                for widened in (
                    term,
                    *(
                        text.Term((spelling.word,), exact=True)
                        for spelling in spellings.get(term, ())
                    ),
                )
            )
            for clause in parsed.clauses
        ),
        excluded=parsed.excluded,
    )


def any_of(parsed: text.ParsedText) -> text.ParsedText:
    """The query with its clauses OR-ed: any of the words will do."""
    terms = tuple(term for clause in parsed.clauses for term in clause)
    return text.ParsedText(clauses=(terms,), excluded=parsed.excluded)


def clause_queries(parsed: text.ParsedText) -> list[text.ParsedText]:
    """One query per clause, each without the excluded words."""
    return [
        text.ParsedText(clauses=(clause,), excluded=parsed.excluded)
        for clause in parsed.clauses
    ]


def matched_sql(parts: list[text.ParsedText]) -> tuple[str, list[str]]:
    """PostgreSQL: how many of the ``parts`` an entry's folded text matches."""
    sql = " + ".join(
        ["(search_folded @@ to_tsquery('simple'::regconfig, %s))::int"] * len(parts)
    )
    return f"({sql})", [text.to_tsquery(part.folded()) for part in parts]


def minimum_should_match(clauses: int) -> int:
    """How many of the clauses a relaxed search asks for: one of two, all but
    one of three or four, two thirds of more."""
    if clauses <= 2:
        return 1
    if clauses <= 4:
        return clauses - 1
    return math.ceil(clauses * 2 / 3)


class DatabaseBackend(SearchBackend):
    name = "database"

    @property
    def vendor(self) -> str:
        return connection.vendor

    def _among(self, page_ids: list[int], field: str = "page_id") -> Q:
        """Rows whose ``field`` is one of these ids: on PostgreSQL as one
        array parameter (a thousand ids are a thousand parameters to send and
        parse in an IN list, in each of the queries that use them)."""
        if self.vendor == "postgresql":
            return Q(
                **{
                    f"{field}__in": RawSQL(  # noqa: S611 - constant SQL, ids as a parameter
                        "SELECT unnest(%s::bigint[])",
                        # As an array literal: psycopg dumps a list item by
                        # item in Python, about 0.5 ms for a thousand ids.
                        ("{" + ",".join(map(str, page_ids)) + "}",),
                    )
                }
            )
        return Q(**{f"{field}__in": page_ids})

    def _newest(
        self,
        matched: QuerySet,
        unmatched: QuerySet | None = None,
        parsed: text.ParsedText | None = None,
        *,
        scored: bool = False,
    ) -> list[tuple] | None:
        """The newest ``MANY_HITS`` matches when there are more (one bounded
        query), else None: for each its id and its ``FACET_COLUMNS``, which
        the facets then count without asking again.

        Given the query's ``parsed`` text and the entries it searches
        (``unmatched``), SQLite walks the entries newest first and keeps those
        the text matches, stopping at the bound: its planner would otherwise
        look up every match by id and sort them all (a word in 65,000 of
        100,000 entries: 94 ms; walked, 15 ms). The walk costs at most one
        pass over the index of dates (8 ms at 100,000 for a word in none).

        ``scored``: when PostgreSQL walks, each match also comes with its
        score for ``parsed`` (last): the walk reads the entry to test its
        text, so scoring it there saves reading the thousand again to rank
        them (`_window_of_newest`).
        """
        if self.vendor == "sqlite" and unmatched is not None and parsed:
            matched = unmatched.filter(
                RawSQL(  # noqa: S611 - constant SQL, words as parameters
                    # "+" keeps SQLite from driving the query by the id index.
                    f"+search_indexentry.page_id IN (SELECT rowid FROM {FTS_TABLE}"  # noqa: S608
                    f" WHERE {FTS_TABLE} MATCH %s)",
                    [text.to_fts5(parsed)],
                    output_field=BooleanField(),
                )
            )
        ordered = matched.order_by("-published", "-page_id").values_list(
            "page_id", *FACET_COLUMNS
        )[: MANY_HITS + 1]
        if (
            self.vendor == "postgresql"
            and unmatched is not None
            and self._walk_costs_more(matched, unmatched)
        ):
            # Materialised, the matches cannot be walked in date order: they
            # are taken from the text index, then sorted.
            columns = ("page_id", *FACET_COLUMNS)
            sql, params = (
                matched.order_by().values(*columns, "published").query.sql_with_params()
            )
            with connection.cursor() as cursor:
                cursor.execute(
                    f"WITH matches AS MATERIALIZED ({sql}) SELECT {', '.join(columns)} "  # noqa: S608 - the ORM's SQL and constant names
                    "FROM matches ORDER BY published DESC, page_id DESC LIMIT %s",
                    [*params, MANY_HITS + 1],
                )
                newest = cursor.fetchall()
        elif self.vendor == "postgresql" and scored and parsed:
            newest = list(
                ordered.annotate(rank=self._score(parsed)).values_list(
                    "page_id", *FACET_COLUMNS, "rank"
                )
            )
        else:
            newest = list(ordered)
        return newest[:MANY_HITS] if len(newest) > MANY_HITS else None

    @staticmethod
    def _window_of_newest(
        newest: list[tuple], offset: int, size: int
    ) -> list[IndexEntry] | None:
        """One page of the newest matches, best first, ranked by the scores
        they were read with (None if they were read without): the order of
        `_ranked`, the score first, then the page id."""
        if not newest or len(newest[0]) != 2 + len(FACET_COLUMNS):
            return None
        best = sorted(newest, key=lambda row: (row[-1], row[0]), reverse=True)
        window = best[offset : offset + size]
        entries = IndexEntry.objects.in_bulk([row[0] for row in window])
        picked = []
        for row in window:
            entry = entries[row[0]]
            entry.rank = row[-1]
            picked.append(entry)
        return picked

    @staticmethod
    def _walk_costs_more(matched: QuerySet, unmatched: QuerySet) -> bool:
        """PostgreSQL: would walking the entries newest first, testing each
        one's text, cost more than taking every match from the text index and
        sorting them? The planner counts a test of the text as nearly free
        and walks whenever a thousand matches seem near, but each test reads
        the entry's vector from TOAST storage (about 15 µs; a place name in
        7,500 of 100,000 entries: 14,500 tests, 214 ms) where a match taken
        from the text index and sorted costs about 8 µs (the same: 20–40 ms).
        Of N entries with M matches the walk tests about MANY_HITS × N / M:
        it costs more when M² < WALK_RATIO × MANY_HITS × N (the planner's
        estimates of M and N)."""
        # One EXPLAIN of both: the estimates are the rows of its two parts.
        parts = [
            queryset.order_by().values("page_id").query.sql_with_params()
            for queryset in (matched, unmatched)
        ]
        with connection.cursor() as cursor:
            cursor.execute(
                "EXPLAIN (FORMAT JSON) "
                + " UNION ALL ".join(f"({sql})" for sql, _params in parts),
                [param for _sql, params in parts for param in params],
            )
            (plan,) = cursor.fetchone()
        if isinstance(plan, str):
            plan = json.loads(plan)
        matches, entries = (part["Plan Rows"] for part in plan[0]["Plan"]["Plans"])
        return matches * matches < WALK_RATIO * MANY_HITS * entries

    def _count_up_to(self, matched: QuerySet, limit: int) -> int:
        """How many entries match, counting no further than ``limit``.

        On PostgreSQL, the planner guesses a few hundred matches for any word
        it has no statistics on, so for the first few it reads the table from
        the start, all of it (0.4 s at 100,000 entries) for a word in no
        document. Read through the text index instead (under a millisecond
        for a rare word, some for a common one): sequential scans are off for
        this one count, and back to the configured value after it.
        """
        counted = matched.values("page_id")[:limit]
        if self.vendor != "postgresql":
            return counted.count()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            try:
                return counted.count()
            finally:
                cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")

    # Matching stored queries ------------------------------------------------

    def stored_text_matches(
        self, *, page_id: int, fts5_column: str, tsquery_column: str
    ) -> RawSQL:
        """A condition for another app's query over rows that store a text
        query ready for this engine (``text.to_fts5`` on SQLite, ``to_tsquery``
        of the folded words on PostgreSQL): true where that column is empty or
        its query matches the indexed text of page ``page_id`` (folded, as
        searches match it). The columns are SQL references of the outer query
        (``"table"."column"``); only this engine names its tables.

        On PostgreSQL the page's folded text is read once for all rows (a
        subquery of its own, taken out of storage by the ``||``), not once per
        row: a publish tests thousands of followed searches with a text.
        """
        if self.vendor == "postgresql":
            sql = (
                f"({tsquery_column} = '' OR ("  # noqa: S608 - our names, id a parameter
                f"SELECT e.search_folded || ''::tsvector FROM "
                f"{IndexEntry._meta.db_table} e WHERE e.page_id = %s"
                f") @@ to_tsquery('simple'::regconfig, {tsquery_column}))"
            )
        else:
            sql = (
                f"({fts5_column} = '' OR EXISTS ("  # noqa: S608 - our names, id a parameter
                f"SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE}.rowid = %s "
                f"AND {FTS_TABLE} MATCH {fts5_column}))"
            )
        return RawSQL(sql, [page_id], output_field=BooleanField())  # noqa: S611

    # Writing --------------------------------------------------------------

    def index(
        self,
        documents: Iterable[SearchDocument],
        *,
        stored: Mapping[int, SearchDocument] | None = None,
    ) -> int:
        """Add or replace documents; return how many were given.

        ``stored``, when the caller has read it, holds what the index holds for
        these documents (an id missing from it is not indexed): a document equal
        to its stored self is not written again, nor are its terms or its text
        when they did not change.
        """
        written = 0
        for batch in batched(documents, BATCH):
            unique = list({document.id: document for document in batch}.values())
            # Part of the caller's transaction when there is one: no savepoint.
            with transaction.atomic(savepoint=False):
                self._replace(unique, stored)
            written += len(unique)
        if written:
            kept.index_changed()
        return written

    def remove(self, ids: Sequence[int]) -> None:
        if not ids:
            return
        with transaction.atomic(savepoint=False):
            for batch in batched(ids, BATCH):
                self._delete(list(batch))
        kept.index_changed()

    def rebuild(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        written = 0
        with transaction.atomic():
            # Without Django's collector, which would first read every row.
            for model in (IndexTerm, IndexEntry):
                everything = model.objects.all()
                everything._raw_delete(everything.db)
            if self.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
            dictionary.clear()
            vocabulary = Counter()
            for batch in batched(documents, BATCH):
                unique = list({document.id: document for document in batch}.values())
                self._write_entries(unique, with_text=unique)
                self._insert_terms(unique)
                for document in unique:
                    vocabulary.update(
                        dictionary.document_words(document, text_of(document))
                    )
                written += len(unique)
                if progress:
                    progress(len(unique))
            dictionary.apply(vocabulary)
        kept.index_changed()
        refresh_statistics()
        return written

    def count(self) -> int:
        return IndexEntry.objects.count()

    def _delete(self, ids: list[int]) -> None:
        if not ids:
            return
        lost = Counter()
        for _, *parts in IndexEntry.objects.filter(
            page_id__in=ids, restriction__in=dictionary.PUBLIC
        ).values_list("page_id", "title", "intro", "body", "extra"):
            lost.subtract(dictionary.words_of(parts))
        dictionary.apply(lost)
        IndexTerm.objects.filter(entry_id__in=ids).delete()
        # The terms are gone: delete the entries without Django's collector,
        # which would first read every row (bodies included).
        entries = IndexEntry.objects.filter(page_id__in=ids)
        entries._raw_delete(entries.db)
        if self.vendor == "sqlite":
            placeholders = ", ".join(["%s"] * len(ids))
            with connection.cursor() as cursor:
                cursor.execute(
                    f"DELETE FROM {FTS_TABLE} WHERE rowid IN ({placeholders})",  # noqa: S608
                    ids,
                )

    def _replace(
        self,
        documents: list[SearchDocument],
        stored: Mapping[int, SearchDocument] | None,
    ) -> None:
        """Write documents over what the index holds for them (``index()``)."""
        known = stored or {}
        if stored is not None:
            documents = [doc for doc in documents if stored.get(doc.id) != doc]
        if not documents:
            return
        words = self._word_changes(documents, stored)
        self._write_entries(
            documents,
            with_text=[
                document
                for document in documents
                if document.id not in known
                or text_of(known[document.id]) != text_of(document)
            ],
        )
        retermed = [
            document
            for document in documents
            if document.id not in known
            or terms_of(known[document.id]) != terms_of(document)
        ]
        replaced = [
            document.id
            for document in retermed
            if stored is None or document.id in stored
        ]
        if replaced:
            IndexTerm.objects.filter(entry_id__in=replaced).delete()
        self._insert_terms(retermed)
        # Last: the words' rows are shared with every other writer, and
        # their locks are held until the transaction ends.
        dictionary.apply(words)

    def _word_changes(
        self,
        documents: list[SearchDocument],
        stored: Mapping[int, SearchDocument] | None,
    ) -> Counter:
        """What brings the dictionary of words (``search.dictionary``) from
        what the index holds for the documents to what they hold now. A
        document whose text and restriction did not change (most of a
        rebuild) changes no word, and its words are not worked out."""
        if stored is None:
            rows = IndexEntry.objects.filter(
                page_id__in=[document.id for document in documents]
            ).values_list("page_id", "restriction", "title", "intro", "body", "extra")
            before = {
                page_id: (restriction, tuple(parts))
                for page_id, restriction, *parts in rows
            }
        else:
            before = {
                document.id: (
                    stored[document.id].restriction,
                    text_of(stored[document.id]),
                )
                for document in documents
                if document.id in stored
            }
        changes = Counter()
        for document in documents:
            now = (document.restriction, text_of(document))
            if before.get(document.id) == now:
                continue
            old = (
                dictionary.counted_words(*before[document.id])
                if document.id in before
                else set()
            )
            new = dictionary.counted_words(*now)
            changes.update(new - old)
            changes.subtract(old - new)
        return changes

    # The writers below send one statement with many rows of plain values:
    # building model instances for bulk_create cost more than the documents.

    def _write_entries(
        self, documents: list[SearchDocument], *, with_text: list[SearchDocument]
    ) -> None:
        """Add or replace the documents' entries, and the analysed text of
        those ``with_text`` (whose text is new or changed): the rows of the
        SQLite full text table, the tsvector columns of the PostgreSQL
        entries (in the entry's own statement)."""
        if not documents:
            return
        texts = {document.id for document in with_text}
        plain, analysed = [], []
        for document in documents:
            values = entry_values(document)
            row = [
                field.get_db_prep_save(values[field.attname], connection)
                if field.attname in ADAPTED_COLUMNS
                else values[field.attname]
                for field in ENTRY_FIELDS
            ]
            if self.vendor == "postgresql" and document.id in texts:
                analysed.append([*row, *vector_row(document)])
            else:
                plain.append(row)
        with connection.cursor() as cursor:
            for rows, with_vectors in ((plain, False), (analysed, True)):
                if rows:
                    statement = entry_upsert(self.vendor, with_text=with_vectors)
                    bulk.write(cursor, statement, rows)
            if self.vendor == "sqlite" and with_text:
                cursor.executemany(
                    FTS_REPLACE, [fts_row(document) for document in with_text]
                )

    def _insert_terms(self, documents: list[SearchDocument]) -> None:
        rows = [
            (document.id, kind, value)
            for document in documents
            for kind, value in terms_of(document)
        ]
        if not rows:
            return
        with connection.cursor() as cursor:
            bulk.write(cursor, term_insert(self.vendor), rows)

    # Reading --------------------------------------------------------------

    def _visible(self, queryset: QuerySet, user) -> QuerySet:
        """Only what the user may read: public, logged-in, or their groups."""
        access = Access.for_user(user)
        groups = access.group_ids
        if groups is None:
            return queryset
        if not access.authenticated:
            return queryset.filter(restriction=RESTRICTION_NONE)
        allowed = Q(restriction__in=[RESTRICTION_NONE, RESTRICTION_LOGIN])
        if groups:
            allowed |= Q(
                restriction=RESTRICTION_GROUPS,
                page_id__in=term_ids("group", map(str, groups)),
            )
        return queryset.filter(allowed)

    def _match(
        self,
        queryset: QuerySet,
        parsed: text.ParsedText,
        minimum: int | None = None,
    ) -> QuerySet:
        """Only entries whose text matches (a self-contained condition, so facet
        queries and subqueries can reuse it under any table alias): every
        clause, or at least ``minimum`` of them."""
        if minimum is not None and minimum < len(parsed.clauses):
            return self._match_some(queryset, parsed, minimum)
        if self.vendor == "sqlite":
            matching = RawSQL(  # noqa: S611 - constant SQL, words as parameters
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
                [text.to_fts5(parsed)],
            )
            return queryset.filter(page_id__in=matching)
        if self.vendor == "postgresql":
            # The folded text holds every match of the exact one, and more.
            return queryset.filter(
                RawSQL(
                    "search_folded @@ to_tsquery('simple'::regconfig, %s)",
                    [text.to_tsquery(parsed.folded())],
                    output_field=BooleanField(),
                )
            )
        # Any other database: a plain, unstemmed containment search.
        condition = Q()
        for clause in parsed.clauses:
            either = Q()
            for term in clause:
                either |= (
                    Q(title__icontains=term.text)
                    | Q(intro__icontains=term.text)
                    | Q(body__icontains=term.text)
                )
            condition &= either
        return queryset.filter(condition)

    def _match_some(
        self, queryset: QuerySet, parsed: text.ParsedText, minimum: int
    ) -> QuerySet:
        """Entries that match at least ``minimum`` of the clauses (and none of
        the excluded words)."""
        parts = clause_queries(parsed)
        if self.vendor == "sqlite":
            union = " UNION ALL ".join(
                [f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"]  # noqa: S608
                * len(parts)
            )
            return queryset.filter(
                page_id__in=RawSQL(  # noqa: S611 - constant SQL, words as parameters
                    f"SELECT rowid FROM ({union}) GROUP BY rowid "  # noqa: S608
                    "HAVING count(*) >= %s",
                    [*(text.to_fts5(part) for part in parts), minimum],
                )
            )
        if self.vendor == "postgresql":
            matched, params = matched_sql(parts)
            return queryset.filter(
                RawSQL(  # noqa: S611 - constant SQL, words as parameters
                    "search_folded @@ to_tsquery('simple'::regconfig, %s) "
                    f"AND ({matched}) >= %s",
                    [text.to_tsquery(any_of(parsed).folded()), *params, minimum],
                    output_field=BooleanField(),
                )
            )
        return self._match(queryset, parsed)

    def _ranked(
        self,
        queryset: QuerySet,
        parsed: text.ParsedText,
        minimum: int | None = None,
        *,
        matched: bool = False,
    ) -> QuerySet:
        """Best first: the text score (title > intro > body > the rest) times a
        recency boost, ties broken by page id so pages never overlap. With a
        ``minimum`` of clauses to match, the entries matching more come first.

        ``matched``: every entry of ``queryset`` matches ``parsed`` already
        (the newest of many hits), so PostgreSQL scores them without testing
        the text again: a test reads each entry's vector from TOAST storage,
        a third of the ranking's cost for a thousand entries."""
        today = day_number(timezone.localdate())
        some = minimum is not None and minimum < len(parsed.clauses)
        # Scored as if any word would do; the count of clauses matched ranks first.
        scored = any_of(parsed) if some else parsed
        order = ("-matched", "-rank", "-page_id") if some else ("-rank", "-page_id")
        if self.vendor == "sqlite":
            select = {
                "rank": f"-bm25({FTS_TABLE}, {', '.join(map(str, FTS_WEIGHTS))}) * "
                + RECENCY_SQL.format(greatest="MAX")
            }
            select_params = [today]
            if some:
                queryset = self._match_some(queryset, parsed, minimum)
                parts = clause_queries(parsed)
                select["matched"] = " + ".join(
                    [
                        f"(search_indexentry.page_id IN (SELECT rowid FROM {FTS_TABLE}"  # noqa: S608
                        f" WHERE {FTS_TABLE} MATCH %s))"
                    ]
                    * len(parts)
                )
                select_params += [text.to_fts5(part) for part in parts]
            # bm25() needs the FTS table joined in the same query as its MATCH.
            return queryset.extra(  # noqa: S610 - constant SQL, values as parameters
                select=select,
                select_params=select_params,
                tables=[FTS_TABLE],
                where=[
                    f"{FTS_TABLE}.rowid = search_indexentry.page_id",
                    f"{FTS_TABLE} MATCH %s",
                ],
                params=[text.to_fts5(scored)],
            ).order_by(*order)
        if self.vendor == "postgresql":
            if not (matched and minimum is None):
                queryset = self._match(queryset, parsed, minimum)
            queryset = queryset.annotate(rank=self._score(scored))
            if some:
                matched, params = matched_sql(clause_queries(parsed))
                queryset = queryset.annotate(
                    matched=RawSQL(matched, params, output_field=FloatField())  # noqa: S611
                )
            return queryset.order_by(*order)
        return self._match(queryset, parsed).order_by("-published", "-page_id")

    @staticmethod
    def _score(scored: text.ParsedText) -> RawSQL:
        """PostgreSQL: an entry's score for the words of ``scored``. An
        exact-letter match scores on both vectors, a folded-only one on the
        folded vector alone, at half weight; times the recency boost."""
        today = day_number(timezone.localdate())
        return RawSQL(  # noqa: S611 - constant SQL, words as parameters
            "(ts_rank(search_vector, to_tsquery('simple'::regconfig, %s)) + "
            "0.5 * ts_rank(search_folded, to_tsquery('simple'::regconfig, %s))) * "
            + RECENCY_SQL.format(greatest="GREATEST"),
            [text.to_tsquery(scored), text.to_tsquery(scored.folded()), today],
            output_field=FloatField(),
        )

    def _window(self, ordered: QuerySet, offset: int, size: int) -> list[IndexEntry]:
        """One page of hits. On PostgreSQL, ranked hits are chosen by id and
        score first and read whole after: sorting a thousand entries with
        their text costs more than reading twenty of them again."""
        window = ordered[offset : offset + size]
        if self.vendor != "postgresql" or "rank" not in ordered.query.annotations:
            return list(window)
        scores = dict(window.values_list("page_id", "rank"))
        entries = IndexEntry.objects.in_bulk(list(scores))
        picked = []
        for page_id, rank in scores.items():  # in rank order
            entry = entries[page_id]
            entry.rank = rank
            picked.append(entry)
        return picked

    def _filters(self, query: SearchQuery) -> dict[str, Q]:
        """Facet filters, keyed by facet: OR within one, AND across them."""
        filters: dict[str, Q] = {}
        if query.types:
            filters["type"] = Q(content_type__in=query.types)
        if query.units:
            filters["unit"] = Q(unit__in=query.units) | Q(sector__in=query.units)
        if query.topics:
            filters["topic"] = Q(page_id__in=term_ids("topic", query.topics))
        if query.themes:
            filters["theme"] = Q(page_id__in=term_ids("theme", query.themes))
        if query.years:
            # As ranges of `published`, so "newest first" can walk its index
            # from the right place instead of filtering from today backwards.
            years = Q()
            for year in query.years:
                years |= Q(
                    published__gte=start_of(datetime.date(year, 1, 1)),
                    published__lt=start_of(datetime.date(year + 1, 1, 1)),
                )
            filters["year"] = years
        return filters

    def _base(self, query: SearchQuery, user) -> QuerySet:
        """Entries the user may see that pass the filters that are not facets."""
        queryset = self._visible(IndexEntry.objects.all(), user)
        if query.tags:
            queryset = queryset.filter(page_id__in=term_ids("tag", query.tags))
        if query.person:
            queryset = queryset.filter(page_id__in=term_ids("person", [query.person]))
        if query.case is not None:
            queryset = queryset.filter(case_id=query.case)
        if query.date_from:
            queryset = queryset.filter(published__gte=start_of(query.date_from))
        if query.date_to:
            next_day = query.date_to + datetime.timedelta(days=1)
            queryset = queryset.filter(published__lt=start_of(next_day))
        return queryset

    @classmethod
    def _count_columns(cls, queryset: QuerySet, counts: dict, facets: set[str]) -> int:
        """Count type, unit (and sector) and year in one grouped query; return
        the number of entries counted."""
        rows = queryset.values_list(*FACET_COLUMNS).annotate(n=Count("page_id"))
        return cls._tally(rows.order_by(), counts, facets)

    @staticmethod
    def _tally(rows: Iterable[tuple], counts: dict, facets: set[str]) -> int:
        """Add up rows of ``FACET_COLUMNS`` and a number of entries each into
        the type, unit (and sector) and year counts; return the entries."""
        total = 0
        for content_type, unit, sector, year, n in rows:
            total += n
            if "type" in facets:
                counts["type"][content_type] += n
            if "unit" in facets:
                for slug in {unit, sector} - {""}:
                    counts["unit"][slug] += n
            if "year" in facets:
                counts["year"][str(year)] += n
        return total

    @staticmethod
    def _count_terms(
        queryset: QuerySet | Q | None, counts: dict, facets: set[str], sign: int = 1
    ) -> None:
        """Count topics and themes in one grouped query over the entries' terms
        (over every entry when ``queryset`` is None; a ``Q`` names the entries
        by the terms' own ``entry_id``)."""
        if not facets:
            return
        terms = IndexTerm.objects.filter(kind__in=sorted(facets))
        if isinstance(queryset, Q):
            terms = terms.filter(queryset)
        elif queryset is not None:
            terms = terms.filter(entry_id__in=queryset.values("page_id"))
        rows = terms.values("kind", "value").annotate(n=Count("entry_id")).order_by()
        for row in rows:
            counts[row["kind"]][row["value"]] += sign * row["n"]

    def _hidden(self, user) -> QuerySet:
        """Entries the user may not see (the complement of ``_visible``)."""
        access = Access.for_user(user)
        if access.group_ids is None:
            return IndexEntry.objects.none()
        if not access.authenticated:
            return IndexEntry.objects.exclude(restriction=RESTRICTION_NONE)
        return IndexEntry.objects.filter(restriction=RESTRICTION_GROUPS).exclude(
            page_id__in=term_ids("group", map(str, access.group_ids))
        )

    def _facets(
        self,
        base: QuerySet,
        filters: dict[str, Q],
        *,
        hidden: QuerySet | None = None,
        newest: list[tuple] | None = None,
    ) -> tuple[int, dict[str, list[FacetCount]]]:
        """The total and the facet counts.

        A facet's counts ignore that facet's own filter (so its other values
        show how many hits choosing them would give) but apply all the others.
        Facets without a filter of their own share one grouped query. When
        ``base`` is everything the user may see, ``hidden`` (the rest) lets a
        facet over everything be counted as all terms minus the hidden ones,
        which is far cheaper than testing every entry. When ``base`` is the
        ``newest`` of many matches and nothing is filtered, their columns are
        counted as they were read, and the terms by their ids alone.
        """
        counts: dict[str, Counter] = {facet: Counter() for facet in FACETS}
        filtered = base.filter(*filters.values())
        shared = set(FACETS) - filters.keys()
        if newest is not None and not filters:
            rows = ((*row[1 : 1 + len(FACET_COLUMNS)], 1) for row in newest)
            total = self._tally(rows, counts, shared & COLUMN_FACETS)
            among = self._among([row[0] for row in newest], field="entry_id")
            self._count_terms(among, counts, shared & TERM_FACETS)
        else:
            total = self._count_columns(filtered, counts, shared & COLUMN_FACETS)
            self._count_terms(filtered, counts, shared & TERM_FACETS)
        for facet in filters:
            others = [q for name, q in filters.items() if name != facet]
            narrowed = base.filter(*others)
            if facet in TERM_FACETS and not others and hidden is not None:
                self._count_terms(None, counts, {facet})
                self._count_terms(hidden, counts, {facet}, sign=-1)
            elif facet in TERM_FACETS:
                self._count_terms(narrowed, counts, {facet})
            else:
                self._count_columns(narrowed, counts, {facet})
        return total, {
            facet: [
                FacetCount(value, count)
                for value, count in sorted(
                    counter.items(), key=lambda item: (-item[1], item[0])
                )[:FACET_SIZE]
            ]
            for facet, counter in counts.items()
        }

    def search(
        self, query: SearchQuery, user, *, per_page: int = PER_PAGE
    ) -> SearchResults:
        # A search over the newest of very many matches is kept (`kept`).
        return kept.kept_search(
            vendor=self.vendor,
            query=query,
            user=user,
            per_page=per_page,
            search=lambda: self._search(query, user, per_page=per_page),
        )

    def _search(self, query: SearchQuery, user, *, per_page: int) -> SearchResults:
        parsed = text.parse(query.text)
        unmatched = self._base(query, user)
        if parsed:
            base = self._match(unmatched, parsed)
        elif parsed.excluded:
            # Only words to leave out ("-ord"): everything that lacks them.
            unwanted = text.ParsedText(clauses=(parsed.excluded,))
            base = unmatched = unmatched.exclude(
                page_id__in=self._match(unmatched, unwanted).values("page_id")
            )
        else:
            base = unmatched
        capped = 0
        # One bounded query: are there more matches than MANY_HITS? If so,
        # the ids of the newest stand for the text match from here on.
        relevance = query.sort == "relevance"
        newest = (
            self._newest(base, unmatched, parsed, scored=relevance) if parsed else None
        )
        if newest is not None:
            capped = MANY_HITS
            # These ids passed the access and the other filters already.
            base = unmatched = IndexEntry.objects.filter(
                self._among([row[0] for row in newest])
            )
        filters = self._filters(query)
        everything = not (parsed or parsed.excluded) and not (
            query.tags or query.person or query.case or query.date_from or query.date_to
        )
        if everything:
            # Browsing by facets alone: the same counts for everyone with the
            # same access until the content changes, and counting them reads
            # every entry that matches (more every year).
            access = Access.for_user(user)
            total, facets = cached_for_content(
                (
                    "search:facets",
                    self.vendor,
                    access.authenticated,
                    access.group_ids,
                    query.types,
                    query.units,
                    query.topics,
                    query.themes,
                    query.years,
                ),
                lambda: self._facets(base, filters, hidden=self._hidden(user)),
                timeout=FACETS_CACHE_SECONDS,
            )
        else:
            total, facets = self._facets(base, filters, newest=newest)
        outcome = Outcome(parsed=parsed, base=base, total=total, facets=facets)
        # The newest of many matches stand for the text match (see above).
        newest_matched = bool(capped)
        if parsed and total < FEW_HITS:
            outcome = self._rescue(query.text, outcome, unmatched, filters)
            if outcome.unmatched is not None:
                unmatched, capped = outcome.unmatched, outcome.capped
            newest_matched = False
        parsed = outcome.parsed

        offset = (query.page - 1) * per_page
        entries = None
        if newest_matched and relevance and not filters and offset < outcome.total:
            # The newest were scored as they were read (PostgreSQL's walk).
            entries = self._window_of_newest(newest, offset, per_page)
        if entries is None:
            if parsed and relevance:
                # The ranking query joins the text match itself.
                ordered = self._ranked(
                    unmatched.filter(*filters.values()),
                    parsed,
                    outcome.minimum,
                    matched=newest_matched,
                )
            else:
                ordered = outcome.base.filter(*filters.values()).order_by(
                    "-published", "-page_id"
                )
            entries = (
                self._window(ordered, offset, per_page)
                if offset < outcome.total
                else []
            )

        stems = parsed.stems
        hits = [
            SearchHit(
                document=document_of(entry),
                title_html=text.highlight(entry.title, stems),
                snippet_html=text.snippet(snippet_source(entry), stems),
                score=float(getattr(entry, "rank", 0.0) or 0.0),
            )
            for entry in entries
        ]
        return SearchResults(
            hits=hits,
            total=outcome.total,
            facets=outcome.facets,
            suggestion=outcome.suggestion,
            corrected=outcome.corrected,
            uncorrected=outcome.uncorrected,
            relaxed=outcome.minimum is not None,
            complete=outcome.complete,
            capped=capped,
            page=query.page,
            per_page=per_page,
        )

    # Few hits -------------------------------------------------------------

    def _rescue(
        self,
        typed: str,
        outcome: "Outcome",
        unmatched: QuerySet,
        filters: dict[str, Q],
    ) -> "Outcome":
        """When all the words find fewer than ``FEW_HITS``: search for better
        spellings of words nobody wrote (telling so), suggest a much better
        known spelling of a rare word, and then settle for most of the words."""
        original = outcome
        parsed = outcome.parsed
        unknown, rare = self._spellings(parsed, unmatched)
        if unknown:
            expanded = expand(parsed, unknown)
            corrected = {
                term.words[0].lower(): spellings[0].word
                for term, spellings in unknown.items()
            }
            if not outcome.total:
                # Counted first; the facets only for the search that is shown.
                base = self._match(unmatched, expanded)
                outcome = Outcome(
                    parsed=expanded,
                    base=base,
                    # Past MANY_HITS the newest stand for them (below): no
                    # need to count further.
                    total=self._count_up_to(
                        base.filter(*filters.values()), MANY_HITS + 1
                    ),
                    facets={},
                    corrected=dictionary.respell(typed, corrected),
                    uncorrected=dictionary.respell(typed, corrected, pin=True),
                )
            else:
                outcome.suggestion = dictionary.respell(typed, corrected)
        if rare and outcome.total and not outcome.suggestion:
            outcome.suggestion = dictionary.respell(
                typed,
                {
                    term.words[0].lower(): spellings[0].word
                    for term, spellings in rare.items()
                },
            )
        parsed = outcome.parsed
        if outcome.total < FEW_HITS and len(parsed.clauses) > 1:
            minimum = minimum_should_match(len(parsed.clauses))
            base = self._match(unmatched, parsed, minimum)
            total = self._count_up_to(base.filter(*filters.values()), MANY_HITS + 1)
            if total > outcome.total:
                outcome.complete = outcome.total
                outcome.base, outcome.total = base, total
                outcome.minimum = minimum
        if not outcome.total:
            # Nothing found either way: say nothing about other spellings.
            return original
        if outcome.base is not original.base:
            # All the (respelled) words, or most of them (``minimum``): the
            # walk newest first knows only the first.
            walk = unmatched if outcome.minimum is None else None
            newest = self._newest(outcome.base, walk, outcome.parsed)
            if newest is not None:
                outcome.base = IndexEntry.objects.filter(
                    self._among([row[0] for row in newest])
                )
                outcome.unmatched, outcome.capped = outcome.base, MANY_HITS
            outcome.total, outcome.facets = self._facets(
                outcome.base, filters, newest=newest
            )
        return outcome

    def _spellings(
        self, parsed: text.ParsedText, unmatched: QuerySet
    ) -> tuple[dict[text.Term, list], dict[text.Term, list]]:
        """Spellings from the dictionary for the typed words that find nothing
        (``unknown``) and for those that find little while a spelling is found
        in ``SUGGEST_RATIO`` times as many documents (``rare``). Words in quotes,
        prefixes and phrases are taken as typed; the lookups stop when
        ``SPELLING_SECONDS`` have passed."""
        deadline = dictionary.Deadline(SPELLING_SECONDS)
        unknown: dict[text.Term, list] = {}
        rare: dict[text.Term, list] = {}
        terms = dict.fromkeys(term for clause in parsed.clauses for term in clause)
        for term in terms:
            if deadline.passed:
                break
            if term.is_phrase or term.prefix or term.exact:
                continue
            if not dictionary.max_distance(len(text.fold(term.words[0]))):
                continue
            alone = text.ParsedText(clauses=((term,),))
            found = self._count_up_to(self._match(unmatched, alone), FEW_HITS)
            if found >= FEW_HITS:
                continue
            spellings = dictionary.spellings(term.words[0])
            if not spellings:
                continue
            if not found:
                unknown[term] = spellings
                continue
            best = max(spellings, key=lambda spelling: spelling.documents)
            if best.documents >= SUGGEST_RATIO * found:
                rare[term] = [best]
        return unknown, rare
