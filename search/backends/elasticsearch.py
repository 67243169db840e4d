"""The scale-out engine: Elasticsearch 8 through elasticsearch-dsl.

Documents are written through an alias. ``rebuild()`` fills a fresh index and
swaps the alias to it in one atomic aliases request, so searches never see a
half-built index; writes made during a rebuild go to both indices.
"""

import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any
from urllib.parse import urlsplit

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from elasticsearch import (
    ApiError,
    BadRequestError,
    Elasticsearch,
    NotFoundError,
    TransportError,
)
from elasticsearch.helpers import BulkIndexError, bulk
from elasticsearch_dsl import (
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Long,
    Q,
    Search,
    Text,
    analyzer,
    char_filter,
    function,
    token_filter,
)
from elasticsearch_dsl.query import Query

from search import text
from search.backends.base import (
    FACET_SIZE,
    FACETS,
    PER_PAGE,
    Access,
    FacetCount,
    SearchBackend,
    SearchHit,
    SearchResults,
    SearchUnavailable,
)
from search.backends.breaker import CircuitBreaker
from search.documents import (
    RESTRICTION_GROUPS,
    RESTRICTION_LOGIN,
    RESTRICTION_NONE,
    SearchDocument,
)
from search.query import SearchQuery

CHUNK = 500
# A rebuild lock this old belongs to a rebuild that died: it is taken over.
REBUILD_LOCK_STALE = 6 * 3600
COLLATED_CANDIDATES = 5

norwegian_stemmer = token_filter("norwegian_stemmer", "stemmer", language="norwegian")
norwegian_folding = token_filter(
    "norwegian_folding", "asciifolding", preserve_original=False
)


def folding_mappings() -> list[str]:
    """``search.text.FOLDINGS`` as mapping rules, in every case (char filters
    run before the lowercase filter): "Aa" => "a", "ø" => "o", "Æ" => "ae" …"""
    rules = {}
    for before, after in text.FOLDINGS.items():
        for index in range(2 ** len(before)):
            variant = "".join(
                char.upper() if index >> position & 1 else char
                for position, char in enumerate(before)
            )
            rules[variant] = after
    return [f"{before} => {after}" for before, after in rules.items()]


# The Norwegian part of text.fold: "Soerum", "Sørum" and "Sorum" all index as
# "sorum", "Aasen" and "Åsen" as "asen"; asciifolding then does the accents.
norwegian_letters = char_filter(
    "norwegian_letters", "mapping", mappings=folding_mappings()
)
# Folded text writes "æ" as "ae": the stemmer sees the one letter it stands
# for, so "sykefravaer" and "sykefravaeret" share a stem (search.text.snowball).
ae_as_letter = token_filter(
    "folded_ae_as_letter", "pattern_replace", pattern="ae", replacement="æ"
)
ae_as_folded = token_filter(
    "folded_ae_as_folded", "pattern_replace", pattern="æ", replacement="ae"
)
suggest_shingle = token_filter(
    "suggest_shingle", "shingle", min_shingle_size=2, max_shingle_size=3
)


def text_analyzers():
    """The exact and the folded analyzer, fed from ``search.text``'s lexicon
    (read when an index is defined, not at import).

    Both correct the Snowball stemmer as ``search.text.analyse`` does (agent
    nouns meet, compounds keep their head) through stemmer override rules.
    The folded one also splits compounds into the lexicon's words, beside the
    whole word: it weighs less, so a part finds the whole and the whole ranks
    first, as the folded columns of the database backend. Stop words are
    indexed, as there: the query leaves them out (``search.text.parse``), and a
    query of stop words alone still finds them.
    """
    lemmas = token_filter(
        "norwegian_lemmas", "stemmer_override", rules=list(text.stem_overrides())
    )
    folded_lemmas = token_filter(
        "norwegian_folded_lemmas",
        "stemmer_override",
        rules=list(text.stem_overrides(folded=True)),
    )
    compounds = token_filter(
        "norwegian_compounds",
        "dictionary_decompounder",
        word_list=list(text.compound_parts_lexicon(folded=True)),
        min_word_size=text.MIN_MODIFIER + text.MIN_HEAD,
        min_subword_size=text.MIN_MODIFIER,
        only_longest_match=True,
    )
    # Inflections: skole, skolen, skolene, skolenes all become "skol".
    exact = analyzer(
        "norwegian_text",
        tokenizer="standard",
        filter=["lowercase", lemmas, norwegian_stemmer],
    )
    # The same folded to ASCII as search.text.fold folds it, for people who
    # type "o" or "oe" for "ø", "aa" or "a" for "å", and for old texts so
    # written; with the parts of compounds.
    folded = analyzer(
        "norwegian_folded",
        char_filter=[norwegian_letters],
        tokenizer="standard",
        filter=[
            "lowercase",
            norwegian_folding,
            compounds,
            folded_lemmas,
            ae_as_letter,
            norwegian_stemmer,
            ae_as_folded,
        ],
    )
    return exact, folded


# Word shingles for the phrase suggester ("Mente du …?").
suggest_text = analyzer(
    "suggest_text", tokenizer="standard", filter=["lowercase", suggest_shingle]
)


def story_text(copy_to: str | None = None) -> Text:
    options: dict[str, Any] = {
        "analyzer": "norwegian_text",
        "fields": {"folded": Text(analyzer="norwegian_folded")},
    }
    if copy_to:
        options["copy_to"] = copy_to
    return Text(**options)


class IndexedPage(Document):
    """The Elasticsearch mapping of a ``SearchDocument``."""

    page_id = Long()
    url = Keyword(index=False)
    content_type = Keyword()
    title = story_text(copy_to="suggest")
    intro = story_text(copy_to="suggest")
    body = story_text()
    extra = story_text()
    suggest = Text(analyzer=suggest_text)
    unit = Keyword()
    sector = Keyword()
    units = Keyword()
    topics = Keyword()
    tags = Keyword(normalizer="lowercase")
    themes = Keyword()
    case_id = Long()
    case_title = Keyword(index=False)
    people = Keyword()
    people_names = Keyword(index=False)
    published = Date()
    year = Integer()
    restriction = Keyword()
    group_ids = Long()

    @classmethod
    def from_document(cls, document: SearchDocument) -> "IndexedPage":
        data = document.to_dict()
        page_id = data.pop("id")
        return cls(
            meta={"id": str(page_id)},
            page_id=page_id,
            units=document.units,
            extra=document.extra_text,
            year=document.year,
            **data,
        )


# Boosted fields for multi_match: the title first, then the intro. A word
# found only in its folded form ("Sorum" for "Sørum") scores half.
FIELDS = [
    "title^4",
    "title.folded^2",
    "intro^2",
    "intro.folded",
    "body",
    "body.folded^0.5",
    "extra^0.5",
    "extra.folded^0.25",
]

# The keyword field each facet counts and filters on.
FACET_FIELDS = {
    "type": "content_type",
    "unit": "units",
    "topic": "topics",
    "theme": "themes",
    "year": "year",
}


def index_definition(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, max_result_window=10_000)
    index.document(IndexedPage)
    for text_analyzer in text_analyzers():
        index.analyzer(text_analyzer)
    return index


def document_from_source(source: dict[str, Any]) -> SearchDocument:
    data = dict(source)
    data["id"] = data.pop("page_id")
    return SearchDocument.from_dict(data)


# Edits allowed per word, as the database backend allows them (none up to 3
# letters, one up to 7, two beyond); swapped letters count as one edit.
FUZZINESS = "AUTO:4,8"
# A page matching one more of the words of a relaxed search outscores any text
# score (bm25 times the recency boost stays far below it).
RELAXED_CLAUSE_BOOST = 1000.0
# Fewer hits than this on all the words: search for most of them instead.
FEW_HITS = 3


def _term_query(
    term: text.Term, *, wanted: bool = True, among_others: bool = False
) -> Query:
    """A word or phrase in any text field. A wanted word also matches within
    ``FUZZINESS`` edits, below its exact spelling. Beside other words
    (``among_others``), a word that analyses to nothing (a stop word) matches
    every page instead of none, so "møte om budsjett" needs "møte" and
    "budsjett" alone; a stop word searched alone still finds nothing."""
    zero_terms = {"zero_terms_query": "all"} if wanted and among_others else {}
    if term.prefix:
        return Q(
            "multi_match",
            query=term.text,
            fields=FIELDS,
            type="phrase_prefix",
            max_expansions=50,
            **zero_terms,
        )
    if term.is_phrase:
        return Q(
            "multi_match", query=term.text, fields=FIELDS, type="phrase", **zero_terms
        )
    exact = Q(
        "multi_match",
        query=term.text,
        fields=FIELDS,
        type="best_fields",
        operator="and",
        **zero_terms,
    )
    if not wanted or term.exact:
        return exact
    fuzzy = Q(
        "multi_match",
        query=term.text,
        fields=FIELDS,
        type="best_fields",
        operator="and",
        fuzziness=FUZZINESS,
        fuzzy_transpositions=True,
        prefix_length=1,
        max_expansions=20,
        boost=0.5,
        **zero_terms,
    )
    return Q("bool", should=[exact, fuzzy], minimum_should_match=1)


def _clause_query(clause: tuple[text.Term, ...], *, among_others: bool) -> Query:
    if len(clause) == 1:
        return _term_query(clause[0], among_others=among_others)
    return Q(
        "bool",
        should=[_term_query(term, among_others=among_others) for term in clause],
        minimum_should_match=1,
    )


def minimum_should_match(clauses: int) -> int:
    """How many of the clauses a relaxed search asks for: one of two, all but
    one of three or four, two thirds of more (as the database backend)."""
    if clauses <= 2:
        return 1
    if clauses <= 4:
        return clauses - 1
    return -(-clauses * 2 // 3)


def text_query(parsed: text.ParsedText, *, minimum: int | None = None) -> Query:
    """Every clause must match, or with ``minimum`` at least that many of
    them: each clause matched then adds ``RELAXED_CLAUSE_BOOST``, so pages with
    more of the words come first."""
    must_not = [_term_query(term, wanted=False) for term in parsed.excluded]
    among_others = len(parsed.clauses) > 1
    clauses = [
        _clause_query(clause, among_others=among_others) for clause in parsed.clauses
    ]
    if minimum is None or minimum >= len(clauses):
        return Q("bool", must=clauses, must_not=must_not)
    return Q(
        "bool",
        should=[
            Q("constant_score", filter=clause, boost=RELAXED_CLAUSE_BOOST)
            for clause in clauses
        ],
        minimum_should_match=minimum,
        must_not=must_not,
    )


def access_filter(access: Access) -> Query | None:
    if access.group_ids is None:
        return None
    if not access.authenticated:
        return Q("term", restriction=RESTRICTION_NONE)
    allowed = [Q("terms", restriction=[RESTRICTION_NONE, RESTRICTION_LOGIN])]
    if access.group_ids:
        allowed.append(
            Q("term", restriction=RESTRICTION_GROUPS)
            & Q("terms", group_ids=list(access.group_ids))
        )
    return Q("bool", should=allowed, minimum_should_match=1)


def suggester(access: Access) -> dict[str, Any]:
    """The phrase suggester behind "Mente du …?".

    Its candidates come from the terms of the whole index, restricted pages
    included, so each candidate is checked ("collate") against a query with the
    searcher's access filter: only a phrase found in a page the person may see
    is suggested. Superusers see everything and need no check.
    """
    options: dict[str, Any] = {
        "field": "suggest",
        "size": 1,
        "gram_size": 3,
        "direct_generator": [{"field": "suggest", "suggest_mode": "always"}],
    }
    visible = access_filter(access)
    if visible is not None:
        # Pruned candidates are dropped, so ask for a few to keep one.
        options["size"] = COLLATED_CANDIDATES
        found = {"match": {"suggest": {"query": "{{suggestion}}", "operator": "and"}}}
        options["collate"] = {
            "query": {
                "source": {"bool": {"must": [found], "filter": [visible.to_dict()]}}
            },
            "prune": False,
        }
    return options


def facet_filters(query: SearchQuery) -> dict[str, Query]:
    values = {
        "type": list(query.types),
        "unit": list(query.units),
        "topic": list(query.topics),
        "theme": list(query.themes),
        "year": list(query.years),
    }
    return {
        facet: Q("terms", **{FACET_FIELDS[facet]: chosen})
        for facet, chosen in values.items()
        if chosen
    }


def recency_scored(query: Query) -> Query:
    """News fades with age; other content keeps its text score."""
    return Q(
        "function_score",
        query=query,
        functions=[
            function.SF({"weight": 1}),
            function.Gauss(
                published={
                    "origin": "now",
                    "offset": "7d",
                    "scale": "90d",
                    "decay": 0.5,
                },
                filter=Q("term", content_type="news"),
                weight=1,
            ),
        ],
        score_mode="sum",
        boost_mode="multiply",
    )


def build_search(
    query: SearchQuery,
    access: Access,
    *,
    index: str,
    per_page: int = PER_PAGE,
    minimum: int | None = None,
) -> Search:
    """The request for one search; pure, so its body can be pinned in tests.
    ``minimum``: how many of the clauses must match (None: all)."""
    parsed = text.parse(query.text)
    search = Search(index=index)

    filters = []
    if (visible := access_filter(access)) is not None:
        filters.append(visible)
    if query.tags:
        filters.append(Q("terms", tags=list(query.tags)))
    if query.person:
        filters.append(Q("term", people=query.person))
    if query.case is not None:
        filters.append(Q("term", case_id=query.case))
    if query.date_from or query.date_to:
        # "||/d" rounds to whole local days: gte from 00:00, lte to 23:59:59.999.
        bounds = {"time_zone": "Europe/Oslo", "format": "yyyy-MM-dd"}
        if query.date_from:
            bounds["gte"] = f"{query.date_from.isoformat()}||/d"
        if query.date_to:
            bounds["lte"] = f"{query.date_to.isoformat()}||/d"
        filters.append(Q("range", published=bounds))

    if parsed and minimum is not None and minimum < len(parsed.clauses):
        # Any of the words scores; the count of clauses matched comes first.
        relaxed = text_query(parsed, minimum=minimum)
        anyone = text.ParsedText(
            clauses=(tuple(term for clause in parsed.clauses for term in clause),)
        )
        scored = recency_scored(text_query(anyone))
        search = search.query(
            Q(
                "bool",
                must=[scored],
                should=relaxed.should,
                minimum_should_match=minimum,
                must_not=relaxed.must_not,
                filter=filters,
            )
        )
    elif parsed:
        search = search.query(
            Q("bool", must=[recency_scored(text_query(parsed))], filter=filters)
        )
    elif parsed.excluded:
        # Only words to leave out ("-ord"): everything else, newest first.
        search = search.query(
            Q("bool", filter=filters, must_not=text_query(parsed).must_not)
        )
    else:
        search = search.query(Q("bool", filter=filters))

    chosen = facet_filters(query)
    if chosen:
        search = search.post_filter(Q("bool", filter=list(chosen.values())))
    for facet in FACETS:
        others = [q for name, q in chosen.items() if name != facet]
        search.aggs.bucket(facet, "filter", filter=Q("bool", filter=others)).bucket(
            "values", "terms", field=FACET_FIELDS[facet], size=FACET_SIZE
        )

    if parsed and query.sort == "relevance":
        search = search.sort("_score", {"published": "desc"}, {"page_id": "desc"})
    else:
        search = search.sort({"published": "desc"}, {"page_id": "desc"})

    if parsed:
        search = search.highlight_options(
            encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"]
        )
        search = search.highlight("title", number_of_fragments=0)
        search = search.highlight("intro", number_of_fragments=0)
        search = search.highlight("body", fragment_size=200, number_of_fragments=1)
        search = search.suggest("did_you_mean", query.text, phrase=suggester(access))

    offset = (query.page - 1) * per_page
    return search.extra(from_=offset, size=per_page, track_total_hits=True)


def _marked(fragments: list[str] | None) -> SafeString | None:
    # The html encoder has escaped the content; only our <mark> tags are raw.
    if not fragments:
        return None
    return mark_safe(" … ".join(fragments))  # noqa: S308


class RebuildRunning(SearchUnavailable):
    """Another rebuild of the same index holds the lock."""


def outage(exc: Exception) -> bool:
    """Whether an error says the cluster is down or overloaded (and so counts
    for the circuit breaker), rather than that a request was wrong."""
    if isinstance(exc, ApiError):
        return exc.status_code >= 500 or exc.status_code == 429
    return isinstance(exc, TransportError)


class ElasticsearchBackend(SearchBackend):
    """Searches and writes through an alias; see the module docstring.

    Every request passes a circuit breaker (``search.backends.breaker``): after
    ``breaker_failures`` outages in a row the cluster is skipped for
    ``breaker_cooldown`` seconds and the callers fall back (searches to the
    database, updates to ``PendingIndexUpdate``). ``api_key`` and ``ca_certs``
    (a PEM file of the CA that signed the cluster's certificate) are passed to
    the client for an ``https://`` URL.
    """

    name = "elasticsearch"

    def __init__(
        self,
        *,
        url: str,
        index: str,
        timeout: float = 5.0,
        api_key: str = "",
        ca_certs: str = "",
        verify_certs: bool = True,
        breaker_failures: int = 3,
        breaker_cooldown: int = 30,
    ) -> None:
        self.url = url
        self.alias = index
        self.building_alias = f"{index}-next"
        self.lock_index = f"{index}-rebuild-lock"
        self.timeout = timeout
        self.api_key = api_key
        self.ca_certs = ca_certs
        self.verify_certs = verify_certs
        where = urlsplit(url)
        self.breaker = CircuitBreaker(
            # Never the credentials a URL may carry: the name is logged.
            f"elasticsearch:{where.hostname}:{where.port}{where.path}:{index}",
            failures=breaker_failures,
            cooldown=breaker_cooldown,
        )
        self._client: Elasticsearch | None = None

    @property
    def client(self) -> Elasticsearch:
        if self._client is None:
            options: dict[str, Any] = {}
            if self.api_key:
                options["api_key"] = self.api_key
            if self.ca_certs:
                options["ca_certs"] = self.ca_certs
            if not self.verify_certs:
                options["verify_certs"] = False
                options["ssl_show_warn"] = False
            self._client = Elasticsearch(
                self.url,
                request_timeout=self.timeout,
                max_retries=0,
                retry_on_timeout=False,
                **options,
            )
        return self._client

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        """Skip the cluster while the breaker is open; turn client errors into
        ``SearchUnavailable`` and count the outages among them."""
        state = self.breaker.before()
        try:
            yield
        except (ApiError, TransportError) as exc:
            if outage(exc):
                self.breaker.failed()
            raise SearchUnavailable(str(exc)) from exc
        self.breaker.succeeded(state)

    # Index management -----------------------------------------------------

    def _indices_with(self, alias: str) -> list[str]:
        if not self.client.indices.exists_alias(name=alias):
            return []
        return sorted(self.client.indices.get_alias(name=alias).body)

    def _create_index(self) -> str:
        name = f"{self.alias}-{time.time_ns() // 1_000_000}"
        index_definition(name).create(using=self.client)
        return name

    def _write_targets(self) -> list[str]:
        targets = self._indices_with(self.alias)
        if not targets:
            if self.client.indices.exists(index=self.alias):
                targets = [self.alias]
            else:
                name = self._create_index()
                self.client.indices.put_alias(index=name, name=self.alias)
                targets = [name]
        return targets + [
            name
            for name in self._indices_with(self.building_alias)
            if name not in targets
        ]

    def _bulk(self, actions: list[dict[str, Any]]) -> None:
        if not actions:
            return
        try:
            bulk(self.client, actions, raise_on_error=True)
        except BulkIndexError as exc:
            failures = [
                item
                for item in exc.errors
                if next(iter(item.values())).get("status") != 404
            ]
            if failures:
                raise SearchUnavailable(f"Bulk update failed: {failures[:3]}") from exc

    def _index_actions(self, documents: Iterable[SearchDocument], targets: list[str]):
        for document in documents:
            source = IndexedPage.from_document(document).to_dict()
            for target in targets:
                yield {
                    "_op_type": "index",
                    "_index": target,
                    "_id": str(document.id),
                    "_source": source,
                }

    # The rebuild lock -----------------------------------------------------
    # An empty index: creating an index is atomic in the cluster (a second
    # create answers "resource_already_exists_exception"), so the lock holds
    # across every process and server that writes to this cluster, whatever
    # cache they use. A lock older than REBUILD_LOCK_STALE (its holder died
    # without releasing it) is taken over.

    def _lock_rebuild(self) -> None:
        for attempt in range(2):
            try:
                self.client.indices.create(
                    index=self.lock_index,
                    settings={"number_of_shards": 1, "number_of_replicas": 0},
                )
                return
            except BadRequestError as exc:
                if exc.error != "resource_already_exists_exception":
                    raise
            started = self._lock_started()
            age = time.time() - started if started is not None else 0.0
            if attempt or age < REBUILD_LOCK_STALE:
                raise RebuildRunning(
                    f"Another rebuild of {self.alias!r} has been running for "
                    f"{age / 60:.0f} min (lock index {self.lock_index!r}); it is "
                    f"taken over after {REBUILD_LOCK_STALE // 3600} hours."
                )
            self.client.indices.delete(index=self.lock_index, ignore_unavailable=True)

    def _lock_started(self) -> float | None:
        try:
            found = self.client.indices.get_settings(index=self.lock_index).body
        except NotFoundError:
            return None
        for settings in found.values():
            return int(settings["settings"]["index"]["creation_date"]) / 1000
        return None

    def _unlock_rebuild(self) -> None:
        self.client.indices.delete(index=self.lock_index, ignore_unavailable=True)

    def rebuild_running(self) -> bool:
        with self._guarded():
            return bool(self._indices_with(self.building_alias))

    # The contract ---------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> int:
        documents = list(documents)
        with self._guarded():
            targets = self._write_targets()
            actions = list(self._index_actions(documents, targets))
            for start in range(0, len(actions), CHUNK):
                self._bulk(actions[start : start + CHUNK])
        return len(documents)

    def remove(self, ids: Sequence[int]) -> None:
        with self._guarded():
            targets = self._write_targets()
            self._bulk(
                [
                    {"_op_type": "delete", "_index": target, "_id": str(page_id)}
                    for page_id in ids
                    for target in targets
                ]
            )

    def rebuild(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        """Fill a new index and swap the alias to it, holding the rebuild lock.

        Writes made meanwhile go to both indices, and ``rebuild_running()`` is
        true, so the caller can replay the pages changed during the rebuild
        after the swap (``search.services.rebuild`` does): a document built
        before its page was deleted or made private must not come back.
        """
        with self._guarded():
            self._lock_rebuild()
        try:
            return self._rebuild_locked(documents, progress=progress)
        finally:
            with suppress(ApiError, TransportError):
                self._unlock_rebuild()

    def _rebuild_locked(self, documents, *, progress=None) -> int:
        with self._guarded():
            # Left by a rebuild that died: nobody else is building now.
            for orphan in self._indices_with(self.building_alias):
                self.client.indices.delete(index=orphan, ignore_unavailable=True)
            old = self._indices_with(self.alias)
            if not old and self.client.indices.exists(index=self.alias):
                old = [self.alias]
            new = self._create_index()
            self.client.indices.put_alias(index=new, name=self.building_alias)
        written = 0
        try:
            with self._guarded():
                batch: list[SearchDocument] = []
                for document in documents:
                    batch.append(document)
                    if len(batch) >= CHUNK:
                        self._bulk(list(self._index_actions(batch, [new])))
                        written += len(batch)
                        if progress:
                            progress(len(batch))
                        batch = []
                if batch:
                    self._bulk(list(self._index_actions(batch, [new])))
                    written += len(batch)
                    if progress:
                        progress(len(batch))
                self.client.indices.refresh(index=new)
                actions: list[dict[str, Any]] = [
                    {"add": {"index": new, "alias": self.alias}},
                    {"remove": {"index": new, "alias": self.building_alias}},
                ]
                actions += [{"remove_index": {"index": name}} for name in old]
                self.client.indices.update_aliases(actions=actions)
        except BaseException:
            # Whatever stopped it (the cluster, the database, Ctrl-C): the
            # half-filled index goes, the alias stays where it was.
            with suppress(ApiError, TransportError):
                self.client.indices.delete(index=new, ignore_unavailable=True)
            raise
        return written

    def count(self) -> int:
        with self._guarded():
            try:
                return self.client.count(index=self.alias)["count"]
            except NotFoundError:
                return 0

    def refresh(self) -> None:
        with self._guarded():
            for name in self._write_targets():
                self.client.indices.refresh(index=name)

    def drop(self) -> None:
        """Delete every index behind the aliases, and the lock (used by tests)."""
        names = set(self._indices_with(self.alias))
        names |= set(self._indices_with(self.building_alias))
        for name in names:
            self.client.indices.delete(index=name, ignore_unavailable=True)
        self.client.indices.delete(index=self.lock_index, ignore_unavailable=True)

    def search(
        self, query: SearchQuery, user, *, per_page: int = PER_PAGE
    ) -> SearchResults:
        access = Access.for_user(user)
        with self._guarded():
            try:
                response = self._execute(query, access, per_page=per_page)
                complete = response.hits.total.value
                clauses = len(text.parse(query.text).clauses)
                minimum = None
                if complete < FEW_HITS and clauses > 1:
                    # Too few pages hold all the words: those with most of them.
                    minimum = minimum_should_match(clauses)
                    relaxed = self._execute(
                        query, access, per_page=per_page, minimum=minimum
                    )
                    if relaxed.hits.total.value > complete:
                        response = relaxed
                    else:
                        minimum = None
            except NotFoundError as exc:
                # A fresh deploy or a deleted index: not "no hits", but no
                # engine to ask. The caller falls back to the database.
                raise SearchUnavailable(
                    f"The index {self.alias!r} does not exist: run "
                    "manage.py search_rebuild"
                ) from exc

        hits = []
        for hit in response.hits:
            document = document_from_source(hit.to_dict())
            highlights = getattr(hit.meta, "highlight", None)
            found = highlights.to_dict() if highlights else {}
            title = _marked(found.get("title")) or escape(document.title)
            snippet = (
                _marked(found.get("body"))
                or _marked(found.get("intro"))
                or text.snippet(document.intro or document.body, frozenset())
            )
            hits.append(
                SearchHit(
                    document=document,
                    title_html=title,
                    snippet_html=snippet,
                    score=float(hit.meta.score or 0.0),
                )
            )

        facets = {}
        for facet in FACETS:
            buckets = response.aggregations[facet]["values"]["buckets"]
            counts = Counter(
                {str(bucket["key"]): bucket["doc_count"] for bucket in buckets}
            )
            facets[facet] = [
                FacetCount(value, count)
                for value, count in sorted(
                    counts.items(), key=lambda item: (-item[1], item[0])
                )
            ]

        suggestion = None
        suggested = response.to_dict().get("suggest", {}).get("did_you_mean", [])
        for entry in suggested:
            for option in entry.get("options", []):
                if option["text"].strip().lower() != query.text.strip().lower():
                    suggestion = option["text"]
                    break
        return SearchResults(
            hits=hits,
            total=response.hits.total.value,
            facets=facets,
            suggestion=suggestion,
            relaxed=minimum is not None,
            complete=complete if minimum is not None else 0,
            page=query.page,
            per_page=per_page,
        )

    def _execute(
        self,
        query: SearchQuery,
        access: Access,
        *,
        per_page: int,
        minimum: int | None = None,
    ):
        request = build_search(
            query, access, index=self.alias, per_page=per_page, minimum=minimum
        )
        return request.using(self.client).execute()
