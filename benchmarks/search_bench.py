"""Search benchmark: N synthetic Norwegian pages, indexed and searched.

    .venv/bin/python benchmarks/search_bench.py            # 10,000 pages, SQLite
    .venv/bin/python benchmarks/search_bench.py --n 100000
    createdb -h 127.0.0.1 -U postgres intranet_search_bench   # an empty database
    .venv/bin/python benchmarks/search_bench.py --n 100000 \\
      --compare postgres://postgres@127.0.0.1:5432/intranet_search_bench

Writes N live pages in bulk (news articles, cases, updates under the cases),
with the units, sectors and topics they belong to and the queries filter on.
Then, per backend: indexing throughput as ``search_rebuild`` does it (the
documents built from the pages, then written), and p50/p95 of (a) the raw
engine query (with its facets) and (b) the full /sok/ request through Django's
test client, logged in. Before timing, every query is checked to run the same
on both (/sok/ drops no filter and finds as many hits), so the ratio compares
the same work. The database backend runs on a throwaway SQLite file unless
DATABASE_URL is set (point it at an empty database); ``--compare URL`` runs on
SQLite and on that PostgreSQL database, one process each, and prints them side
by side. Elasticsearch is measured too when ELASTICSEARCH_URL is set (on a
throwaway index; not with --compare).
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NOUNS = (
    "skole barnehage hjemmetjeneste sykehjem kommune budsjett prosjekt tiltak "
    "rådhus bibliotek vei vann avløp helsestasjon lege fastlege eldre barn elev "
    "lærer ansatt leder enhet sektor plan vedtak sak søknad tilskudd økonomi "
    "bygg idrettshall svømmehall kultur frivillighet innbygger tjeneste "
    "velferdsteknologi sensor kamera nettbrett opplæring kurs kompetanse "
    "nyskaping innovasjon samarbeid møte kantine brann beredskap miljø klima "
    "avfall renovasjon park friområde sti turvei lekeplass ungdom fritid "
    "boligfelt regulering byggesak kart oppmåling skatt gebyr faktura "
    "digitalisering journal system pilot evaluering rapport undersøkelse"
).split()
SUFFIXES = ["", "", "en", "er", "ene", "enes", "et"]
# Norwegian builds new nouns by compounding: skole + bygg = skolebygg.
TAILS = (
    "bygg plass plan leder tilbud tjeneste prosjekt avdeling område rapport "
    "system ordning tilsyn kontor budsjett møte tilskudd gruppe nettverk strategi "
    "rutine satsing senter utvalg arbeid"
).split()
WORDS = (
    "og i på til for med som det er har skal vil kan blir ble nye gode flere "
    "viktig digital digitale lokal lokale trygg trygge rask raske enkel enkle "
    "starter åpner tester prøver fullfører planlegger vurderer utvider forbedrer "
    "sammen allerede nå neste denne høsten våren året uken måneden"
).split()
PLACES = "Sørum Frogner Blaker Sørumsand Lørenfallet Rånåsfoss Fjellsrud".split()
TOPICS = [f"emne-{n}" for n in range(30)]
PEOPLE = 200
SECTORS = [f"sektor-{n}" for n in range(8)]
UNITS = [(f"enhet-{s}-{n}", f"sektor-{s}") for s in range(8) for n in range(6)]

QUERIES = [
    {"q": "skole"},
    {"q": "barnehagene"},
    {"q": "digital hjemmetjeneste"},
    {"q": '"digital hjemmetjeneste"'},
    {"q": "velferdsteknologi sensor"},
    {"q": "budsjett OR økonomi"},
    {"q": "sykehjemmet -kantine"},
    {"q": "Sørumsand"},
    {"q": "prosjekt", "type": "case"},
    {"q": "tiltak", "unit": "sektor-3"},
    {"q": "kompetanse", "theme": "competence"},
    {"q": "søknad", "year": "2024", "sort": "newest"},
    {"q": "plan", "page": "3"},
    {"q": "lekeplass ungdom", "topic": "emne-4"},
    {"topic": "emne-7"},
    {"q": "finnesikkeiteksten"},
]


def vocabulary(seed: int) -> list[str]:
    """About 2,100 nouns in a fixed random order: rank decides how common."""
    words = NOUNS + [base + tail for base in NOUNS for tail in TAILS if base != tail]
    random.Random(seed).shuffle(words)
    return words


def sentence(rng: random.Random, length: int, about: list[str], words: list[str]):
    def word() -> str:
        roll = rng.random()
        if roll < 0.30:
            return rng.choice(about) + rng.choice(SUFFIXES)
        if roll < 0.38:
            return rng.choice(words) + rng.choice(SUFFIXES)
        return rng.choice(WORDS)

    words = [word() for _ in range(length)]
    if rng.random() < 0.03:
        words.insert(rng.randrange(len(words)), rng.choice(PLACES))
    return " ".join(words).capitalize() + "."


def page_rows(n: int, seed: int):
    """What each of the N pages holds, drawn as before from the vocabulary."""
    import datetime

    from django.utils import timezone

    rng = random.Random(seed)
    words = vocabulary(seed)
    weights = [1 / (rank + 10) for rank in range(len(words))]
    now = timezone.now()
    kinds = ["news", "case", "case_update", "case_update"]
    for number in range(1, n + 1):
        unit, _sector = rng.choice(UNITS)
        restricted = rng.random() < 0.05
        about = rng.choices(words, weights=weights, k=3)

        def text(length: int, about=about) -> str:
            return sentence(rng, length, about, words)

        yield {
            "number": number,
            "kind": rng.choice(kinds),
            "title": text(rng.randint(4, 8)).rstrip("."),
            "intro": text(rng.randint(12, 22)),
            "body": [text(rng.randint(8, 16)) for _ in range(15)],
            "unit": unit,
            "topics": rng.sample(TOPICS, rng.randint(0, 3)),
            "tags": rng.sample(NOUNS, rng.randint(0, 2)),
            "themes": rng.sample(["innovation", "competence"], rng.randint(0, 1)),
            "about_case": rng.random() < 0.5,
            "person": rng.randint(0, PEOPLE - 1),
            "published": now - datetime.timedelta(minutes=rng.randint(0, 5 * 525_600)),
            "group": rng.randint(0, 2) if restricted else None,
        }


class Site:
    """The units, topics, people and listing pages, then N live pages written in
    bulk (tree paths computed here, as ``planscale_bench`` does): news articles,
    cases and updates under the cases, with topics, tags, owners, 5 % behind a
    group restriction. No signal runs, so nothing is indexed yet."""

    def __init__(self) -> None:
        from django.contrib.auth.models import Group
        from wagtail.models import Locale
        from wagtail.models import Site as WagtailSite

        from intranet.core.models import Topic, Unit
        from news import services as news_services
        from tests.factories.cases import CaseIndexPageFactory
        from tests.factories.core import UserFactory

        self.locale = Locale.get_default()
        home = WagtailSite.objects.get(is_default_site=True).root_page
        self.news_index = news_services.news_index_create(
            parent=home, title="Nyheter", slug="nyheter"
        )
        self.case_index = CaseIndexPageFactory(parent=home, title="Saker", slug="saker")
        sectors = {
            slug: Unit.objects.create(name=f"Sektor {slug}", slug=slug)
            for slug in SECTORS
        }
        self.units = {
            slug: Unit.objects.create(
                name=f"Enhet {slug}", slug=slug, parent=sectors[sector]
            )
            for slug, sector in UNITS
        }
        self.topics = {
            slug: Topic.objects.create(name=f"Emne {slug}", slug=slug)
            for slug in TOPICS
        }
        self.groups = [Group.objects.create(name=f"Benk {n}") for n in range(3)]
        self.people = [
            UserFactory(username=f"ansatt{n}", first_name="Ansatt", last_name=str(n))
            for n in range(PEOPLE)
        ]
        self.cases: list = []
        self._content_types: dict = {}

    def _content_type(self, model) -> int:
        from django.contrib.contenttypes.models import ContentType

        if model not in self._content_types:
            self._content_types[model] = ContentType.objects.get_for_model(model).pk
        return self._content_types[model]

    def _place(self, parent, page) -> None:
        from wagtail.models import Page

        parent.numchild += 1
        page.path = Page._get_path(parent.path, parent.depth + 1, parent.numchild)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale = self.locale
        page.draft_title = page.title
        page.content_type_id = self._content_type(type(page))
        page.live = True
        page.has_unpublished_changes = False

    def _insert(self, pages: list) -> None:
        from django.db import connection
        from wagtail.models import Page

        base_fields = [
            field for field in Page._meta.local_concrete_fields if not field.primary_key
        ]
        Page.objects.bulk_create(
            [
                Page(
                    **{
                        field.attname: getattr(page, field.attname)
                        for field in base_fields
                    }
                )
                for page in pages
            ]
        )
        ids = dict(
            Page.objects.filter(path__in=[page.path for page in pages]).values_list(
                "path", "pk"
            )
        )
        by_model: dict = {}
        for page in pages:
            page.pk = page.page_ptr_id = ids[page.path]
            by_model.setdefault(type(page), []).append(page)
        for model, rows in by_model.items():
            model._base_manager._insert(
                rows,
                fields=list(model._meta.local_concrete_fields),
                using=connection.alias,
            )

    def write(self, rows) -> int:
        """Write the pages in batches; return how many."""
        from itertools import islice

        written = 0
        rows = iter(rows)
        while batch := list(islice(rows, 1000)):
            self._write_batch(batch)
            written += len(batch)
        from wagtail.models import Page

        for parent in [self.news_index, self.case_index, *self.cases]:
            Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild)
        return written

    def _write_batch(self, batch: list[dict]) -> None:
        from uuid import uuid4

        from taggit.models import Tag
        from wagtail.models import PageViewRestriction

        from cases.models import CaseOwner, CasePage, CaseUpdatePage
        from intranet.core.models import StoryTag
        from news.models import NewsPage

        pages = []
        for row in batch:
            body = [
                {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid4())}
                for text in row["body"]
            ]
            common = {
                "title": row["title"],
                "slug": f"side-{row['number']}",
                "body": body,
                "unit": self.units[row["unit"]],
                "first_published_at": row["published"],
                "last_published_at": row["published"],
                "owner": self.people[row["person"]],
            }
            kind = row["kind"] if self.cases or row["kind"] == "news" else "case"
            if kind == "case":
                page = CasePage(
                    summary=row["intro"], communication_need="none", **common
                )
                self._place(self.case_index, page)
                self.cases.append(page)
            elif kind == "case_update":
                page = CaseUpdatePage(
                    intro=row["intro"],
                    publication_date=row["published"],
                    positioning_themes=row["themes"],
                    **common,
                )
                self._place(self.cases[row["number"] % len(self.cases)], page)
            else:
                page = NewsPage(
                    intro=row["intro"],
                    date=row["published"].date(),
                    positioning_themes=row["themes"],
                    related_case=self.cases[row["number"] % len(self.cases)]
                    if row["about_case"] and self.cases
                    else None,
                    **common,
                )
                self._place(self.news_index, page)
            pages.append((row, page))
        self._insert([page for _row, page in pages])

        topics, tags, owners, restricted = [], [], [], []
        tag_ids = {}
        for row, page in pages:
            for slug in row["topics"]:
                topics.append(
                    (type(page).topics.through, page.pk, self.topics[slug].pk)
                )
            if isinstance(page, CasePage):
                owners.append(
                    CaseOwner(
                        case_id=page.pk, user=self.people[row["person"]], sort_order=0
                    )
                )
            elif row["tags"]:
                for name in row["tags"]:
                    if name not in tag_ids:
                        tag_ids[name] = Tag.objects.get_or_create(
                            name=name, defaults={"slug": name}
                        )[0].pk
                    tags.append(
                        StoryTag(content_object_id=page.pk, tag_id=tag_ids[name])
                    )
            if row["group"] is not None:
                restricted.append((page.pk, self.groups[row["group"]]))
        by_through: dict = {}
        for through, page_id, topic_id in topics:
            by_through.setdefault(through, []).append((page_id, topic_id))
        for through, pairs in by_through.items():
            source, target = _through_columns(through)
            through.objects.bulk_create(
                [
                    through(**{source: page_id, target: topic_id})
                    for page_id, topic_id in pairs
                ]
            )
        StoryTag.objects.bulk_create(tags)
        CaseOwner.objects.bulk_create(owners)
        for page_id, group in restricted:
            restriction = PageViewRestriction.objects.create(
                page_id=page_id, restriction_type=PageViewRestriction.GROUPS
            )
            restriction.groups.add(group)


def _through_columns(through) -> tuple[str, str]:
    """The page and topic columns of a topics through table."""
    from intranet.core.models import Topic

    source = target = ""
    for field in through._meta.get_fields():
        if getattr(field, "related_model", None) is Topic:
            target = field.attname
        elif field.is_relation and field.many_to_one:
            source = field.attname
    return source, target


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(label: str, samples: list[float]) -> tuple[float, float]:
    p50, p95 = percentile(samples, 0.50), percentile(samples, 0.95)
    print(f"  {label:<28} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   (n={len(samples)})")
    return p50, p95


def index_pages(backend) -> tuple[int, float]:
    """Index every page as ``search_rebuild`` does: documents built from the
    pages (the database read, ``DocumentBuilder``) and written. Seconds."""
    from search import services

    start = time.perf_counter()
    if backend.name == "database":
        written = services.database_rebuild()
    else:
        written = backend.rebuild(services.indexable_documents())
        backend.refresh()
    return written, time.perf_counter() - start


def same_query_checked(backend, queries, urls, user, client) -> list[int]:
    """Each query's hits from the raw engine, after checking that /sok/ runs
    the same query (no filter dropped as unknown, the same number of hits):
    otherwise the two figures would time different work."""
    totals = []
    for query, url in zip(queries, urls, strict=True):
        raw = backend.search(query, user)
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        shown = response.context["results"].total
        ran = response.context["query"]
        if shown != raw.total or ran != query:
            raise SystemExit(
                f"/sok/ and the raw engine disagree on {url}: {shown} vs "
                f"{raw.total} hits; /sok/ ran {ran}, notices "
                f"{[str(notice) for notice in response.context['notices']]}"
            )
        totals.append(raw.total)
    return totals


def bench_backend(backend, args, user, client) -> dict:
    from django.conf import settings
    from django.db import connection

    from search.query import SearchQuery

    label = f"{backend.name}, {connection.vendor}"
    print(f"\n== {label} ({args.n} pages) ==")
    written, elapsed = index_pages(backend)
    print(
        f"  indexing (documents built from the pages and written): {written} "
        f"documents in {elapsed:.1f} s = {written / elapsed:,.0f} documents/s"
    )

    if backend.name == "elasticsearch":
        settings.ELASTICSEARCH_INDEX = backend.alias
    else:
        settings.ELASTICSEARCH_URL = ""
    queries = [SearchQuery.from_querydict(params) for params in QUERIES]
    urls = [f"/sok/?{query.urlencode()}" for query in queries]
    totals = same_query_checked(backend, queries, urls, user, client)  # also warms

    raw, view = [], []
    for _ in range(args.rounds):
        for query, url in zip(queries, urls, strict=True):
            raw += timed(lambda query=query: backend.search(query, user), 1)
            view += timed(lambda url=url: client.get(url), 1)
    raw50, raw95 = report("raw engine query + facets", raw)
    view50, view95 = report("full /sok/ request", view)
    print(f"  /sok/ at p95: {view95 / raw95:.2f}x the raw query")
    for query, total in zip(queries, totals, strict=True):
        print(f"    {query.urlencode()[:44]:<44} {total:>7} hits")
    return {
        "backend": label,
        "n": args.n,
        "documents": written,
        "indexing_seconds": elapsed,
        "raw_p50": raw50,
        "raw_p95": raw95,
        "view_p50": view50,
        "view_p95": view95,
    }


def run(args) -> list[dict]:
    """The benchmark in this process, on DATABASE_URL (a throwaway SQLite file
    when unset)."""
    workdir = tempfile.mkdtemp(prefix="search-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    elasticsearch_url = os.environ.pop("ELASTICSEARCH_URL", "")
    # Every round asks the engine: a broad search asked again would otherwise
    # come from the kept searches (search/backends/kept.py), not the index.
    os.environ["SEARCH_RESULTS_SECONDS"] = "0"

    import django

    django.setup()
    import logging

    logging.getLogger("wagtail").setLevel(logging.WARNING)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from search.backends.database import DatabaseBackend
    from tests.factories.core import UserFactory

    setup_test_environment()
    call_command("migrate", verbosity=0)
    print(
        f"Search benchmark: {args.n} pages, {len(QUERIES)} queries x "
        f"{args.rounds} rounds, database {connection.vendor}, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    )
    if args.reuse:
        from django.contrib.auth import get_user_model

        from search.backends import database_backend

        print("  pages reused from an earlier run on DATABASE_URL (--reuse)")
        user = get_user_model().objects.get(username="benk")
        # Indexed from empty, as after a fresh write of the pages.
        database_backend().rebuild([])
    else:
        site = Site()
        start = time.perf_counter()
        pages = site.write(page_rows(args.n, args.seed))
        print(f"  {pages} pages written in bulk in {time.perf_counter() - start:.1f} s")
        user = UserFactory(username="benk")
    client = Client()
    client.force_login(user)

    results = [bench_backend(DatabaseBackend(), args, user, client)]
    if elasticsearch_url:
        from django.conf import settings

        from search.backends.elasticsearch import ElasticsearchBackend

        settings.ELASTICSEARCH_URL = elasticsearch_url
        backend = ElasticsearchBackend(
            url=elasticsearch_url, index="intranet-bench", timeout=60
        )
        try:
            results.append(bench_backend(backend, args, user, client))
        finally:
            backend.drop()
    else:
        print("\n(Elasticsearch skipped: set ELASTICSEARCH_URL to measure it too.)")
    return results


def compare(args) -> None:
    """SQLite and PostgreSQL side by side: each in its own process (Django
    settles on one database per process), then one table."""
    import json
    import subprocess

    rows = []
    with tempfile.TemporaryDirectory(prefix="search-bench-") as folder:
        for name, url in [
            ("sqlite", f"sqlite:///{folder}/bench.sqlite3"),
            ("postgresql", args.compare),
        ]:
            out = Path(folder) / f"{name}.json"
            env = {**os.environ, "DATABASE_URL": url}
            env.pop("ELASTICSEARCH_URL", None)
            command = [sys.executable, __file__, "--n", str(args.n)]
            command += ["--rounds", str(args.rounds), "--seed", str(args.seed)]
            subprocess.run(  # noqa: S603 - this script, by its own path
                [*command, "--json", str(out)], env=env, check=True
            )
            rows += json.loads(out.read_text())
    print(f"\n== Side by side: {args.n} pages ==")
    print(
        "| backend | indexing | raw query + facets p50 / p95 "
        "| /sok/ p50 / p95 | /sok/ ÷ raw at p95 |"
    )
    print("|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['backend']} | "
            f"{row['documents'] / row['indexing_seconds']:,.0f} docs/s | "
            f"{row['raw_p50']:.1f} / {row['raw_p95']:.1f} ms | "
            f"{row['view_p50']:.1f} / {row['view_p95']:.1f} ms | "
            f"{row['view_p95'] / row['raw_p95']:.2f}× |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="pages to index")
    parser.add_argument("--rounds", type=int, default=10, help="passes over queries")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--compare",
        metavar="POSTGRES_URL",
        help="run on SQLite and on this (empty) PostgreSQL database, side by side",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="DATABASE_URL holds the pages of an earlier run with the same --n: "
        "index and query them without writing them again",
    )
    parser.add_argument("--json", help=argparse.SUPPRESS)  # where a child writes
    args = parser.parse_args()
    if args.reuse and (args.compare or "DATABASE_URL" not in os.environ):
        parser.error("--reuse needs DATABASE_URL (the earlier run's database)")
    if args.compare:
        compare(args)
        return
    results = run(args)
    if args.json:
        import json

        Path(args.json).write_text(json.dumps(results))


if __name__ == "__main__":
    main()
