"""Indexing benchmark: search_rebuild throughput and the cost of publishing a case.

    .venv/bin/python benchmarks/index_bench.py                 # 500 and 2,000 pages
    .venv/bin/python benchmarks/index_bench.py --sizes 500 2000 --rounds 5
    DATABASE_URL=postgres://user:pass@127.0.0.1:5432/empty_db \\
      .venv/bin/python benchmarks/index_bench.py               # on PostgreSQL

For each size it builds that many live pages (cases with 2 owners, ten updates per
case, news articles of which a third are about a case, topics and tags), then times
`manage.py search_rebuild` (documents/s and queries). Then, in cases with 10 and
with 100 updates, it times `revision.publish()` with its queries, in autocommit as
the admin publishes: an update with a new title; the case with a new summary
(nothing its updates copy); the case under a new title (every update must carry
it). The baseline, in the same run, publishes the news index under a new title:
a page search does not index, so only Wagtail's own work. Medians and p95 over
the rounds. Runs on a throwaway SQLite file unless DATABASE_URL is set (point it
at an empty database). Not part of `make test`; figures go in benchmarks/README.md.
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def configure(folder: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "intranet.settings.test"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    import django

    django.setup()
    import logging

    logging.getLogger("wagtail").setLevel(logging.WARNING)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


class World:
    """Units, topics, people and the two listing pages the content goes under."""

    def __init__(self) -> None:
        from wagtail.models import Site

        from intranet.core.models import Topic, Unit
        from news import services as news_services
        from tests.factories.cases import CaseIndexPageFactory
        from tests.factories.core import UserFactory

        self.topics = [
            Topic.objects.create(name=f"Emne {n}", slug=f"emne-{n}") for n in range(12)
        ]
        sectors = [
            Unit.objects.create(name=f"Sektor {n}", slug=f"sektor-{n}")
            for n in range(4)
        ]
        self.units = [
            Unit.objects.create(
                name=f"Enhet {n}", slug=f"enhet-{n}", parent=sectors[n % 4]
            )
            for n in range(16)
        ]
        self.people = [
            UserFactory(username=f"person{n}", first_name="Per", last_name=f"Son{n}")
            for n in range(20)
        ]
        home = Site.objects.get(is_default_site=True).root_page
        self.case_index = CaseIndexPageFactory(parent=home, title="Saker", slug="saker")
        self.news_index = news_services.news_index_create(
            parent=home, title="Nyheter", slug="nyheter"
        )
        self.count = 0

    def case(self, updates: int):
        """A live case with two owners and ``updates`` live updates (not indexed)."""
        from django.utils import timezone

        from cases.models import CaseOwner, CasePage, CaseUpdatePage

        self.count += 1
        n = self.count
        now = timezone.now()
        case = CasePage(
            title=f"Sak nummer {n} om skolestruktur",
            slug=f"sak-{n}",
            summary="En sak vi jobber med i kommunen.",
            unit=self.units[n % len(self.units)],
            communication_need="none",
            live=True,
            first_published_at=now,
            owner=self.people[n % 20],
        )
        case.case_owners = [
            CaseOwner(user=self.people[n % 20]),
            CaseOwner(user=self.people[(n + 7) % 20]),
        ]
        case.topics = [self.topics[n % 12]]
        self.case_index.add_child(instance=case)
        for u in range(updates):
            update = CaseUpdatePage(
                title=f"Oppdatering {u} i sak {n}",
                slug=f"oppdatering-{u}",
                intro="Dette har skjedd siden sist.",
                body=[("paragraph", "<p>Vi har hatt møte med foreldrene.</p>")],
                publication_date=now,
                unit=self.units[(n + u) % len(self.units)],
                live=True,
                first_published_at=now,
            )
            update.topics = [self.topics[(n + u) % 12]]
            update.tags.set(["skole", f"tagg-{u % 5}"])
            case.add_child(instance=update)
        return case

    def article(self, related_case=None):
        from django.utils import timezone

        from news.models import NewsPage

        self.count += 1
        n = self.count
        article = NewsPage(
            title=f"Nyhet nummer {n}",
            slug=f"nyhet-{n}",
            intro="Nytt fra kommunen.",
            body=[("paragraph", "<p>Brødtekst om barnehagene og skolene.</p>")],
            unit=self.units[n % len(self.units)],
            related_case=related_case,
            live=True,
            first_published_at=timezone.now(),
            owner=self.people[n % 20],
        )
        article.topics = [self.topics[n % 12], self.topics[(n + 5) % 12]]
        article.tags.set(["nyhet"])
        self.news_index.add_child(instance=article)


def indexable_pages() -> int:
    from search import services

    return services.indexable_page_count()


def grow(world: World, pages: int) -> None:
    """Add cases (1 + 10 updates) and articles until there are ``pages`` pages."""
    started = time.perf_counter()
    while (have := indexable_pages()) < pages:
        if have % 2 == 0:
            world.case(updates=min(10, max(0, pages - have - 1)))
        else:
            from cases.models import CasePage

            world.article(related_case=CasePage.objects.order_by("?").first())
        print(f"\r  {indexable_pages()}/{pages} pages", end="", flush=True)
    print(f" ({time.perf_counter() - started:.0f} s)")


def measure_rebuild(rounds: int) -> dict:
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seconds, queries = [], 0
    for _ in range(rounds):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            call_command("search_rebuild", "--quiet-progress", stdout=StringIO())
        seconds.append(time.perf_counter() - started)
        queries = len(captured.captured_queries)
    # Documents/s of the median run and of the slowest 5 %.
    pages = indexable_pages()
    return {
        "median": pages / statistics.median(seconds),
        "p95": pages / p95(seconds),
        "q": queries,
    }


def measure_publish(page, change, rounds: int) -> dict:
    """Publish ``page`` ``rounds`` times, ``change(page, round)`` before each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], []
    for n in range(rounds):
        page = type(page).objects.get(pk=page.pk)
        change(page, n)
        revision = page.save_revision()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            revision.publish()
        times.append((time.perf_counter() - started) * 1000)
        queries.append(len(captured.captured_queries))
    return {"median": statistics.median(times), "p95": p95(times), "q": max(queries)}


def publish_rows(world: World, rounds: int) -> list[str]:
    from cases.models import CaseUpdatePage
    from search import services

    def retitle(page, n: int) -> None:
        page.title = f"{page.title.split(' (')[0]} ({n})"

    def resummarise(page, n: int) -> None:
        page.summary = f"Oppsummeringen, runde {n}."

    baseline = measure_publish(world.news_index, retitle, rounds)
    results = [("publish the news index (baseline, not indexed)", baseline)]
    for updates in (10, 100):
        case = world.case(updates=updates)
        services.index_subtree(case)
        update = CaseUpdatePage.objects.child_of(case).first()
        for label, page, change in (
            (f"publish an update, {updates} in its case", update, retitle),
            (f"publish a case, new summary, {updates} updates", case, resummarise),
            (f"publish a renamed case, {updates} updates", case, retitle),
        ):
            results.append((label, measure_publish(page, change, rounds)))
    return [
        f"| {label} | {result['median']:.0f} ms | {result['p95']:.0f} ms | "
        f"{result['median'] / baseline['median']:.1f} | {result['q']} |"
        for label, result in results
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        configure(Path(folder))
        from django.db import connection

        print(
            f"Python {platform.python_version()}, {os.cpu_count()} CPUs, "
            f"{connection.vendor}"
        )
        world = World()
        rows = []
        for size in sorted(args.sizes):
            grow(world, size)
            result = measure_rebuild(args.rounds)
            rows.append(
                f"| search_rebuild, {indexable_pages():,} pages | "
                f"{result['median']:,.0f} docs/s | {result['p95']:,.0f} docs/s | "
                f"— | {result['q']} |"
            )
            print(rows[-1])
        for row in publish_rows(world, args.rounds):
            rows.append(row)
            print(row)
        print(
            "\n| measure | median | p95 | × baseline | queries |"
            "\n|---|---:|---:|---:|---:|"
        )
        print("\n".join(rows))


if __name__ == "__main__":
    main()
