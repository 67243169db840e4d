"""The people directory, search for a person and a unit's page at 3,000 people.

    .venv/bin/python benchmarks/people_bench.py                 # SQLite, throwaway
    .venv/bin/python benchmarks/people_bench.py --people 300    # a smaller town
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/intranet_people_bench \\
      .venv/bin/python benchmarks/people_bench.py               # an empty PostgreSQL

Builds (after all migrations) 6 sectors with 60 units, `--people` people with
profiles, phones and 1–3 "Spør meg om" subjects from a vocabulary of 120, and
a leader per unit; then times each page in-process with Django's test client
(full middleware and templates, no network) after a warm-up, with `/healthz`
(one `SELECT 1`) as the baseline of the same run. Prints the median, the 95th
percentile, the ratio to `/healthz` and the queries per request.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST = [
    "Kari",
    "Ola",
    "Ingrid",
    "Per",
    "Sigrid",
    "Lars",
    "Marte",
    "Anders",
    "Nora",
    "Jonas",
]
LAST = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Berg",
    "Dahl",
    "Lie",
    "Moen",
    "Ås",
]


def configure(folder: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "intranet.settings.test"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = folder / "media"
    settings.ALLOWED_HOSTS = ["testserver"]


def build(*, people: int) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from intranet.core.models import Competence, StaffProfile, Unit

    call_command("migrate", verbosity=0)
    units = []
    for s in range(6):
        sector = Unit.objects.create(name=f"Sektor {s}", slug=f"sektor-{s}")
        units += [
            Unit.objects.create(
                name=f"Enhet {s}-{u}", slug=f"enhet-{s}-{u}", parent=sector
            )
            for u in range(10)
        ]
    subjects = Competence.objects.bulk_create(
        Competence(name=f"Fagområde {n}", slug=f"fag-{n}") for n in range(120)
    )
    User = get_user_model()
    users = User.objects.bulk_create(
        User(
            username=f"person{n}",
            first_name=FIRST[n % 10],
            last_name=f"{LAST[(n // 10) % 10]}{n}",
            email=f"person{n}@kommune.invalid",
            password="!",  # noqa: S106 - unusable: the bench logs in with force_login
        )
        for n in range(people)
    )
    StaffProfile.objects.filter(user__in=users).delete()
    profiles = StaffProfile.objects.bulk_create(
        StaffProfile(
            user=user,
            unit=units[n % len(units)],
            job_title="Rådgiver" if n % 3 else "Konsulent",
            phone=f"6380{n:04}",
            mobile=f"9{n:07}",
            hidden_fields="mobile" if n % 2 else "",
        )
        for n, user in enumerate(users)
    )
    Through = StaffProfile.competences.through
    Through.objects.bulk_create(
        Through(staffprofile_id=profile.pk, competence_id=subjects[(n * k) % 120].pk)
        for n, profile in enumerate(profiles)
        for k in range(1, 2 + n % 3)
    )
    for n, unit in enumerate(units):
        unit.leaders.add(users[n])


def measure(client, path: str, *, warmup: int, runs: int) -> dict:
    from django.db import connection

    for _ in range(warmup):
        assert client.get(path).status_code == 200, path
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(path)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, path
    timings.sort()
    return {
        "median": statistics.median(timings),
        "p95": timings[max(0, int(round(0.95 * len(timings))) - 1)],
        "queries": len(executed),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="people-bench-") as folder:
        configure(Path(folder))
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client

        started = time.perf_counter()
        build(people=args.people)
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
        client = Client()
        client.force_login(get_user_model().objects.get(username="person1"))
        pages = {
            "/healthz (baseline)": "/healthz",
            "directory, first page": "/personer/",
            "directory, name search": "/personer/?q=hansen",
            "directory, subject search": "/personer/?q=fagomr%C3%A5de%2077",
            "directory, unit + letter": "/personer/?enhet=enhet-3-4&bokstav=L",
            "directory, page 60": "/personer/?side=60",
            "unit page": "/enhet/enhet-3-4/",
            "sector page": "/enhet/sektor-3/",
            "units tree": "/enheter/",
            "profile": "/personer/person2/",
            "search for a name": "/sok/?q=hansen",
        }
        results = {
            label: measure(client, path, warmup=args.warmup, runs=args.requests)
            for label, path in pages.items()
        }
        engine = connection.vendor

    base = results["/healthz (baseline)"]["median"]
    print(
        f"\nPython {platform.python_version()}, {os.cpu_count()} CPUs, {engine}, "
        f"{args.people} people in 60 units, {args.requests} requests per page "
        f"after {args.warmup} warm-up\n"
    )
    print("| page | median ms | p95 ms | × healthz | queries |")
    print("|---|---:|---:|---:|---:|")
    for label, result in results.items():
        print(
            f"| {label} | {result['median']:.1f} | {result['p95']:.1f} | "
            f"{result['median'] / base:.1f} | {result['queries']} |"
        )


if __name__ == "__main__":
    main()
