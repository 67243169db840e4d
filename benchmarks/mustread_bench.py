"""A must-read story addressed to 300 or 3,000 people in 60 units: its completion
page, the story page and the front page of a reader, and telling the audience.

    .venv/bin/python benchmarks/mustread_bench.py                 # SQLite, throwaway
    .venv/bin/python benchmarks/mustread_bench.py --people 300    # a smaller town
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/intranet_mustread_bench \\
      .venv/bin/python benchmarks/mustread_bench.py               # an empty PostgreSQL

Builds (after all migrations) 6 sectors with 60 units and `--people` people with
profiles spread over them, a leader per unit, and one news article that must be
read by all six sectors; a third of the people have confirmed it. Then times each
page in-process with Django's test client (full middleware and templates, no
network) after a warm-up, with `/healthz` (one `SELECT 1`) as the baseline of the
same run, and times `mustread_announce` (one notification per person, in bulk).
Prints the median, the 95th percentile, the ratio to `/healthz` and the queries.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.people_bench import configure, measure  # noqa: E402


def build(*, people: int):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.utils import timezone
    from wagtail.models import Site

    from intranet.core.models import StaffProfile, Unit
    from intranet.core.roles import COMMUNICATION, STAFF
    from intranet.reach.models import Acknowledgement
    from news import services as news_services

    call_command("migrate", verbosity=0)
    sectors, units = [], []
    for s in range(6):
        sector = Unit.objects.create(name=f"Sektor {s}", slug=f"sektor-{s}")
        sectors.append(sector)
        units += [
            Unit.objects.create(
                name=f"Enhet {s}-{u}", slug=f"enhet-{s}-{u}", parent=sector
            )
            for u in range(10)
        ]
    User = get_user_model()
    users = User.objects.bulk_create(
        User(
            username=f"person{n}",
            first_name="Kari",
            last_name=f"Nordmann{n}",
            email=f"person{n}@kommune.invalid",
            password="!",  # noqa: S106 - unusable: the bench logs in with force_login
        )
        for n in range(people)
    )
    StaffProfile.objects.filter(user__in=users).delete()
    StaffProfile.objects.bulk_create(
        StaffProfile(user=user, unit=units[n % len(units)])
        for n, user in enumerate(users)
    )
    staff = Group.objects.get(name=STAFF)
    staff.user_set.add(*users)
    Group.objects.get(name=COMMUNICATION).user_set.add(users[0])
    for n, unit in enumerate(units):
        unit.leaders.add(users[n])
    author = users[0]
    index = news_services.news_index_create(
        parent=Site.objects.get(is_default_site=True).root_page,
        title="Nyheter",
        slug="nyheter",
    )
    article = news_services.news_article_create(
        index=index,
        title="Ny rutine for avviksmelding",
        slug="ny-rutine",
        intro="Alle må kjenne den nye rutinen.",
        owner=author,
    )
    article.must_read_until = timezone.localdate() + datetime.timedelta(days=7)
    article.must_read_units.set(sectors)
    article.save_revision(user=author).publish(user=author)
    Acknowledgement.objects.bulk_create(
        Acknowledgement(user=user, page=article) for user in users[::3]
    )
    return article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="mustread-bench-") as folder:
        configure(Path(folder))
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from intranet.reach import services
        from intranet.subscriptions.models import Notification, NotificationKind

        started = time.perf_counter()
        article = build(people=args.people)
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
        User = get_user_model()
        team = Client()
        team.force_login(User.objects.get(username="person0"))
        reader = Client()  # person2 has not confirmed (every third has)
        reader.force_login(User.objects.get(username="person2"))
        leader = Client()  # leads "Enhet 0-5"
        leader.force_login(User.objects.get(username="person5"))
        pages = {
            "/healthz (baseline)": (team, "/healthz"),
            "completion page (team)": (team, f"/ma-leses/{article.pk}/"),
            "completion page (unit leader, names)": (
                leader,
                f"/ma-leses/{article.pk}/",
            ),
            "completion CSV": (team, f"/ma-leses/{article.pk}/tall.csv"),
            "story page with «Jeg har lest»": (reader, article.url),
            "front page of a reader": (reader, "/"),
        }
        results = {
            label: measure(client, path, warmup=args.warmup, runs=args.requests)
            for label, (client, path) in pages.items()
        }
        notes = Notification.objects.filter(kind=NotificationKind.MUST_READ)
        notes.delete()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            told = services.mustread_announce(page_id=article.pk)
            announce_ms = (time.perf_counter() - started) * 1000
        engine = connection.vendor

    base = results["/healthz (baseline)"]["median"]
    print(
        f"\nPython {platform.python_version()}, {os.cpu_count()} CPUs, {engine}, "
        f"{args.people} people in 60 units (a third confirmed), {args.requests} "
        f"requests per page after {args.warmup} warm-up\n"
    )
    print("| page | median ms | p95 ms | × healthz | queries |")
    print("|---|---:|---:|---:|---:|")
    for label, result in results.items():
        print(
            f"| {label} | {result['median']:.1f} | {result['p95']:.1f} | "
            f"{result['median'] / base:.1f} | {result['queries']} |"
        )
    print(
        f"\nmustread_announce: {told} notifications in {announce_ms:.0f} ms, "
        f"{len(queries)} queries"
    )


if __name__ == "__main__":
    main()
