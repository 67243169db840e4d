"""Server time of the insights dashboard with a year of demo data.

Run: .venv/bin/python benchmarks/insights_bench.py [--requests 50] [--dense]

Builds a throwaway SQLite database in a temporary folder, loads the demo data
(`seed_demo`: units, people, news and cases over the year, a year of read
counts, subscriptions and pulse surveys), logs in as the communication team and
times the dashboard in-process with Django's test client: median and 95th
percentile after a warm-up, and the SQL queries per request. With `--dense`
every live story also gets a read count for every day of the year (the worst
case for the read table). The culture pulse results and one CSV export are
timed the same way. Not part of `make test`; figures go in benchmarks/README.md.
"""

import argparse
import datetime
import io
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def configure(folder: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "intranet.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = folder / "media"
    settings.ALLOWED_HOSTS = ["testserver"]


def build(*, dense: bool) -> int:
    import logging

    from django.core.management import call_command
    from django.utils import timezone

    from cases.models import CaseUpdatePage
    from intranet.insights.models import StoryReadDay
    from news.models import NewsPage

    logging.getLogger("wagtail").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", stdout=io.StringIO())
    print(f"  demo data in {time.perf_counter() - started:.0f} s", flush=True)
    if dense:
        today = timezone.localdate()
        pages = [
            *NewsPage.objects.live().values_list("pk", flat=True),
            *CaseUpdatePage.objects.live().values_list("pk", flat=True),
        ]
        StoryReadDay.objects.all().delete()
        StoryReadDay.objects.bulk_create(
            (
                StoryReadDay(
                    page_id=page_id,
                    day=today - datetime.timedelta(days=day),
                    readers=1 + (page_id * 7 + day) % 40,
                )
                for page_id in pages
                for day in range(365)
            ),
            batch_size=5000,
        )
    return StoryReadDay.objects.count()


def measure(client, path: str, *, warmup: int, runs: int) -> dict:
    from django.db import connection

    for _ in range(warmup):
        assert client.get(path).status_code == 200, path
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    # An execute wrapper sees every statement; the debug query log is reset by
    # the request_started signal in the middle of the request.
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
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--dense", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="insights-bench-") as folder:
        configure(Path(folder))
        from django.contrib.auth import get_user_model
        from django.test import Client

        print("Building a database with the demo data …", flush=True)
        read_rows = build(dense=args.dense)
        client = Client()
        client.force_login(get_user_model().objects.get(username="silje.aas"))
        pages = {
            "/healthz (baseline)": "/healthz",
            "/admin/innsikt/ (dashboard)": "/admin/innsikt/",
            "dashboard, one sector": "/admin/innsikt/?sector=helse-og-omsorg",
            "CSV: most read": "/admin/innsikt/csv/mest-lest/",
            "/admin/innsikt/kulturpuls/": "/admin/innsikt/kulturpuls/",
        }
        results = {
            label: measure(client, path, warmup=args.warmup, runs=args.requests)
            for label, path in pages.items()
        }

    print()
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, SQLite, "
        f"{read_rows} story-day read rows, {args.requests} requests per page "
        f"after {args.warmup} warm-up"
    )
    print(f"{'page':<34} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for label, result in results.items():
        print(
            f"{label:<34} {result['median']:>10.1f} {result['p95']:>8.1f} "
            f"{result['queries']:>8}"
        )


if __name__ == "__main__":
    main()
