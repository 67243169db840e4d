"""Suggestions benchmark: time /sok/forslag/ as someone types, at two index sizes.

    .venv/bin/python benchmarks/suggest_bench.py                  # 10,000 and 100,000
    .venv/bin/python benchmarks/suggest_bench.py --sizes 2000 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/empty_db \\
        .venv/bin/python benchmarks/suggest_bench.py

Indexes the synthetic Norwegian documents of ``search_bench.py`` (titles of 4-8
words, 5 % restricted to a group), with 500 people, 8 sectors of 6 units and 30
topics, then times the prefixes a person types on the way to a word, through
the selector (``search.suggest.suggestions``) and as the full request with
Django's test client, logged in as a member of one group. Prints the median and
p95 per size and the number of SQL queries per request. Runs on a throwaway
SQLite file unless DATABASE_URL is set (then point it at an empty database).
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from search_bench import UNITS, page_rows, percentile  # noqa: E402

# What people type on the way to a word: two letters, three, more, two words,
# without Norwegian letters, a name, a unit, a topic, and nothing to find.
TYPED = [
    "sk",
    "sko",
    "skole",
    "ba",
    "barneh",
    "hjemmet",
    "dig hj",
    "sø",
    "sor",
    "øk",
    "okonomi",
    "vel",
    "velferdsteknologi sen",
    "an",
    "ansatt 12",
    "enhet",
    "emne",
    "zzq",
]
TARGET_P95_MS = 50.0


def documents(n: int, seed: int):
    """``search_bench``'s N pages as the search documents they give (no pages
    are written: only the suggestions' reads are timed here)."""
    from search.documents import SearchDocument

    sectors = dict(UNITS)
    for row in page_rows(n, seed):
        number = row["number"]
        yield SearchDocument(
            id=number,
            url=f"/side-{number}/",
            content_type=row["kind"],
            title=row["title"],
            intro=row["intro"],
            body=" ".join(row["body"]),
            unit=row["unit"],
            sector=sectors[row["unit"]],
            topics=row["topics"],
            tags=row["tags"],
            themes=row["themes"],
            case_id=number % 2000 + 1 if row["about_case"] else None,
            people=[f"ansatt{row['person'] + 1}"],
            people_names=[f"Ansatt {row['person'] + 1}"],
            published=row["published"],
            restriction="groups" if row["group"] is not None else "none",
            group_ids=[row["group"] + 1] if row["group"] is not None else [],
        )


def fill_people_and_vocabulary() -> None:
    from django.contrib.auth import get_user_model

    from intranet.core.models import Topic, Unit

    User = get_user_model()
    User.objects.bulk_create(
        User(username=f"ansatt{n}", first_name="Ansatt", last_name=str(n))
        for n in range(1, 501)
    )
    for s in range(8):
        sector = Unit.objects.create(name=f"Sektor {s}", slug=f"sektor-{s}")
        for n in range(6):
            Unit.objects.create(
                name=f"Enhet {s}-{n}", slug=f"enhet-{s}-{n}", parent=sector
            )
    Topic.objects.bulk_create(
        Topic(name=f"Emne {n}", slug=f"emne-{n}") for n in range(30)
    )


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def bench_size(n: int, args, user, client) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.backends.database import DatabaseBackend
    from search.suggest import suggestions

    backend = DatabaseBackend()
    start = time.perf_counter()
    backend.rebuild(documents(n, args.seed))
    print(f"\n== {n:,} documents (indexed in {time.perf_counter() - start:.0f} s) ==")

    for typed in TYPED:  # warm caches
        suggestions(query=typed, user=user)
        client.get("/sok/forslag/", {"q": typed})
    raw, view, health = [], [], []
    for _ in range(args.rounds):
        for typed in TYPED:
            raw.append(timed(lambda typed=typed: suggestions(query=typed, user=user)))
            view.append(
                timed(lambda typed=typed: client.get("/sok/forslag/", {"q": typed}))
            )
            health.append(timed(lambda: client.get("/healthz")))
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/sok/forslag/", {"q": "sk"})
    assert response.status_code == 200, response.status_code
    figures = {
        "raw": (percentile(raw, 0.5), percentile(raw, 0.95)),
        "view": (percentile(view, 0.5), percentile(view, 0.95)),
        "health": (percentile(health, 0.5), percentile(health, 0.95)),
        "queries": len(captured),
    }
    for label, key in (
        ("selector", "raw"),
        ("full request", "view"),
        ("/healthz", "health"),
    ):
        p50, p95 = figures[key]
        print(f"  {label:<14} median {p50:6.1f} ms   p95 {p95:6.1f} ms")
    print(f"  SQL queries per request: {figures['queries']}")
    for typed in TYPED:
        took = timed(lambda typed=typed: client.get("/sok/forslag/", {"q": typed}))
        count = client.get("/sok/forslag/", {"q": typed}).json()["count"]
        print(f"    {typed!r:<26} {count:>3} suggestions {took:6.1f} ms")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--rounds", type=int, default=20, help="passes over TYPED")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="suggest-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.pop("ELASTICSEARCH_URL", None)

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from tests.factories.core import UserFactory

    setup_test_environment()
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_BACKEND = "database"
    call_command("migrate", verbosity=0)
    fill_people_and_vocabulary()
    user = UserFactory(username="benk", groups=[Group.objects.order_by("pk").first()])
    client = Client()
    client.force_login(user)
    print(
        f"Suggestions benchmark: {len(TYPED)} typed prefixes x {args.rounds} rounds, "
        f"database {connection.vendor}, Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} CPUs"
    )
    results = {n: bench_size(n, args, user, client) for n in args.sizes}
    print(
        "\n| documents | selector median ms | p95 | request median ms | p95 "
        "| /healthz median ms | p95 | request × healthz (median) | queries |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, figures in results.items():
        raw, view, health = figures["raw"], figures["view"], figures["health"]
        print(
            f"| {n:,} | {raw[0]:.1f} | {raw[1]:.1f} | {view[0]:.1f} | {view[1]:.1f} "
            f"| {health[0]:.1f} | {health[1]:.1f} | {view[0] / health[0]:.1f} "
            f"| {figures['queries']} |"
        )
    print(f"(load average during the run: {os.getloadavg()[0]:.1f})")
    worst = max(figures["view"][1] for figures in results.values())
    verdict = "meets" if worst <= TARGET_P95_MS else "misses"
    print(
        f"\nWorst request p95 {worst:.1f} ms {verdict} the "
        f"{TARGET_P95_MS:.0f} ms target."
    )


if __name__ == "__main__":
    main()
