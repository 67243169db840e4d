"""The relevance suite: judged Norwegian queries over realistic municipal pages.

``corpus.json`` holds the documents (news articles, cases and case updates, each
with a stable key); ``queries.json`` the judged queries (a category, the text a
colleague would type, and the keys of the documents that answer it, judged
from the text alone). ``build_pages()`` publishes the documents through the
news and cases services, so both our index and Wagtail's are written by the
same publish signals as in the editor. ``evaluate()`` runs every query through
an engine and scores the ranking:

- **P@5**: the share of the first five results that are relevant (a query with
  fewer than five relevant documents cannot reach 1; the "ideal" row says how
  high it can go);
- **R@10**: the share of the relevant documents among the first ten results;
- **MRR**: the mean of 1/rank of the first relevant result among the first
  ``DEPTH`` (the first page of /sok/), 0 when there is none.

The engines: ``ours()`` asks /sok/ as a logged-in member of staff and reads the
hits from the page, as a person sees them; ``wagtail()`` is Wagtail's built-in
``Page.objects.live().search()`` on its default database backend, with the
text parsed as Wagtail's admin page search parses it.
``benchmarks/relevance_bench.py`` prints the table; ``tests/search/
test_relevance.py`` holds today's floors.
"""

import datetime
import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
CORPUS_PATH = HERE / "corpus.json"
QUERIES_PATH = HERE / "queries.json"

CATEGORIES = (
    "inflection",
    "compounds",
    "diacritics",
    "typos",
    "prefix",
    "phrase",
    "boolean",
    "loanwords",
    "abbreviations",
    "numbers",
    "questions",
    "ranking",
)
DEPTH = 20  # results read per query: the first page of /sok/


@dataclass(frozen=True)
class Judgement:
    category: str
    text: str
    relevant: frozenset[str]
    note: str = ""


def load_corpus() -> dict:
    return json.loads(CORPUS_PATH.read_text(encoding="utf-8"))


def load_synonyms() -> list[list[str]]:
    """Groups of equivalent terms (abbreviations and their long forms)."""
    return json.loads(QUERIES_PATH.read_text(encoding="utf-8"))["synonyms"]


def load_queries() -> list[Judgement]:
    data = json.loads(QUERIES_PATH.read_text(encoding="utf-8"))
    return [
        Judgement(
            category=item["category"],
            text=item["q"],
            relevant=frozenset(item["relevant"]),
            note=item.get("note", ""),
        )
        for item in data["queries"]
    ]


# Building the pages -----------------------------------------------------------


def _body(paragraphs: Iterable[str]) -> list:
    from django.utils.html import escape
    from wagtail.rich_text import RichText

    return [("paragraph", RichText(f"<p>{escape(text)}</p>")) for text in paragraphs]


def _morning(day: str) -> datetime.datetime:
    from django.utils import timezone

    return timezone.make_aware(
        datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(9))
    )


def build_pages(corpus: dict | None = None) -> dict[str, int]:
    """Publish the corpus under the site's home page; return page ids by key.

    Expects a migrated, otherwise empty site (the role groups and the default
    site that the migrations make). Writes through ``news.services`` and
    ``cases.services``: every page is published as a revision, so our search
    index and Wagtail's are updated by the publish signals.
    """
    from wagtail.models import Site

    from cases import services as case_services
    from intranet.core.models import Unit
    from intranet.core.roles import EDITORS, STAFF
    from news import services as news_services
    from tests.factories.core import UserFactory

    corpus = corpus or load_corpus()
    home = Site.objects.get(is_default_site=True).root_page.specific
    author = UserFactory(
        username="hilde.strand",
        first_name="Hilde",
        last_name="Strand",
        groups=[STAFF, EDITORS],
    )
    owner = UserFactory(username="eva.eier", first_name="Eva", last_name="Eier")
    units = {
        item["slug"]: Unit.objects.create(name=item["name"], slug=item["slug"])
        for item in corpus["units"]
    }
    news_index = news_services.news_index_create(
        parent=home, title="Nyheter", slug="nyheter"
    )
    case_index = case_services.case_index_create(
        parent=home, title="Saker", slug="saker"
    )
    pages: dict[str, int] = {}
    cases = {}
    for document in corpus["documents"]:
        key, kind = document["key"], document["kind"]
        unit = units[document["unit"]]
        body = _body(document["body"])
        if kind == "news":
            page = news_services.news_article_create(
                index=news_index,
                title=document["title"],
                intro=document["intro"],
                body=body,
                owner=author,
                unit=unit,
                date=datetime.date.fromisoformat(document["date"]),
                slug=key,
            )
        elif kind == "case":
            page = case_services.case_create(
                index=case_index,
                title=document["title"],
                summary=document["intro"],
                body=body,
                owners=[owner],
                unit=unit,
                communication_need="none",
                slug=key,
            )
            cases[key] = page
        elif kind == "case_update":
            page = case_services.case_update_create(
                case=cases[document["case"]],
                title=document["title"],
                intro=document["intro"],
                body=body,
                author=owner,
                unit=unit,
                publication_date=_morning(document["date"]),
                slug=key,
            )
        else:
            raise ValueError(f"{key}: unknown kind {kind!r}")
        pages[key] = page.pk
    return pages


def synonyms_create(groups: list[list[str]] | None = None) -> int:
    """Enter the synonyms the abbreviation queries lean on, as the communication
    team would in the admin, when the project has a synonym model
    (``search.SynonymGroup``: one term per line). Returns how many groups were
    made: none without the model."""
    from django.apps import apps

    try:
        model = apps.get_model("search", "SynonymGroup")
    except LookupError:
        return 0
    groups = load_synonyms() if groups is None else groups
    for terms in groups:
        model.objects.create(terms="\n".join(terms), note="Relevance suite")
    return len(groups)


# The engines --------------------------------------------------------------------

Engine = Callable[[str], list[int]]


# The link in each hit's title on /sok/ (the page's own markup, as the page
# tests read it).
HIT_LINK_RE = re.compile(
    r'class="[^"]*\bsearch-hit__title\b[^"]*"[^>]*>\s*<a\b[^>]*\bhref="([^"]*)"'
)


def ours(client) -> Engine:
    """Our search as a person uses it: GET /sok/?q=… with a logged-in client."""
    from wagtail.models import Page

    ids_by_url = {page.get_url(): page.pk for page in Page.objects.live()}

    def search(text: str) -> list[int]:
        response = client.get(f"/sok/?{urlencode({'q': text})}")
        if response.status_code != 200:
            raise AssertionError(f"/sok/?q={text!r} answered {response.status_code}")
        urls = HIT_LINK_RE.findall(response.content.decode())
        return [ids_by_url.get(html.unescape(url), 0) for url in urls][:DEPTH]

    return search


def wagtail() -> Engine:
    """Wagtail's built-in search on the same live pages: its default database
    backend, indexed by its own signals when the pages were published, and the
    text parsed as Wagtail's own page search in the admin parses it (quoted
    phrases, every other word required)."""
    from wagtail.models import Page
    from wagtail.search.utils import parse_query_string

    def search(text: str) -> list[int]:
        _filters, query = parse_query_string(text, operator="and")
        try:
            return [page.pk for page in Page.objects.live().search(query)[:DEPTH]]
        except Exception:  # noqa: BLE001 - a query it cannot run finds nothing
            return []

    return search


# Scoring ------------------------------------------------------------------------


@dataclass
class QueryScore:
    judgement: Judgement
    ranked: list[str]
    p5: float
    r10: float
    rr: float


@dataclass
class Scores:
    queries: list[QueryScore] = field(default_factory=list)

    def _mean(self, values: list[float]) -> float:
        return sum(values) / len(values) if values else 0.0

    def subset(self, category: str | None) -> list[QueryScore]:
        return [
            score
            for score in self.queries
            if category is None or score.judgement.category == category
        ]

    def p5(self, category: str | None = None) -> float:
        return self._mean([score.p5 for score in self.subset(category)])

    def r10(self, category: str | None = None) -> float:
        return self._mean([score.r10 for score in self.subset(category)])

    def mrr(self, category: str | None = None) -> float:
        return self._mean([score.rr for score in self.subset(category)])


def score(ranked: list[str], relevant: frozenset[str]) -> tuple[float, float, float]:
    """(P@5, R@10, reciprocal rank) of one ranked list of document keys."""
    p5 = sum(key in relevant for key in ranked[:5]) / 5
    r10 = sum(key in relevant for key in ranked[:10]) / len(relevant)
    rank = next(
        (position for position, key in enumerate(ranked, 1) if key in relevant), None
    )
    return p5, r10, 1 / rank if rank else 0.0


def evaluate(
    engine: Engine, judgements: list[Judgement], pages: dict[str, int]
) -> Scores:
    keys = {page_id: key for key, page_id in pages.items()}
    scores = Scores()
    for judgement in judgements:
        # Pages outside the corpus (the news and case lists) count as misses.
        ranked = [keys.get(page_id, "-") for page_id in engine(judgement.text)]
        p5, r10, rr = score(ranked[:DEPTH], judgement.relevant)
        scores.queries.append(QueryScore(judgement, ranked, p5, r10, rr))
    return scores


def ideal(judgements: list[Judgement]) -> Scores:
    """The best possible scores: every relevant document first."""
    scores = Scores()
    for judgement in judgements:
        ranked = sorted(judgement.relevant)
        scores.queries.append(
            QueryScore(judgement, ranked, *score(ranked, judgement.relevant))
        )
    return scores


def table(results: dict[str, Scores], judgements: list[Judgement]) -> str:
    """A Markdown table: per category and overall, P@5, R@10 and MRR per engine."""
    names = list(results)
    header = ["category", "queries"]
    for name in names:
        header += [f"{name} P@5", f"{name} R@10", f"{name} MRR"]
    header.append("ideal P@5")
    perfect = ideal(judgements)
    lines = [
        "| " + " | ".join(header) + " |",
        "|---|" + "---:|" * (len(header) - 1),
    ]
    for category in (*CATEGORIES, None):
        count = sum(
            category is None or judgement.category == category
            for judgement in judgements
        )
        label = category or "**overall**"
        cells = [label, str(count)]
        for name in names:
            scores = results[name]
            cells += [
                f"{scores.p5(category):.2f}",
                f"{scores.r10(category):.2f}",
                f"{scores.mrr(category):.2f}",
            ]
        cells.append(f"{perfect.p5(category):.2f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def misses(scores: Scores) -> str:
    """The queries whose first relevant result is not first, for reading."""
    lines = []
    for item in scores.queries:
        if item.rr < 1:
            lines.append(
                f"  [{item.judgement.category}] {item.judgement.text!r}: "
                f"RR {item.rr:.2f}, top 3 {item.ranked[:3]}"
            )
    return "\n".join(lines)
