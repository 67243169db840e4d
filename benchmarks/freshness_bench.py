"""The nightly freshness check (`manage.py freshness_check`) at 3,000 cases and
10,000 news articles, and at a tenth of that.

    .venv/bin/python benchmarks/freshness_bench.py                 # SQLite, throwaway
    .venv/bin/python benchmarks/freshness_bench.py --scale 0.5     # other sizes
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/intranet_freshness_bench \\
      .venv/bin/python benchmarks/freshness_bench.py --scale 1     # an empty PostgreSQL

Each size runs in its own process and database (a throwaway SQLite file; with
`DATABASE_URL`, give one `--scale` per empty database). After all migrations it
builds 60 units, 600
people, the cases (statuses mixed, last activity spread over 400 days, 1–2
owners each) and the articles (spread over four years, one author each) written
in bulk as tree rows (no revisions: the check reads only the live rows). Then
it times the command twice: the first run queues every reminder and question,
the second finds them all sent. Prints wall time, queries and notifications.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FULL_CASES = 3000
FULL_PAGES = 10000
STATUSES = ["planned", "ongoing", "ongoing", "ongoing", "paused", "completed"]


def configure(folder: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "intranet.settings.test"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = folder / "media"


def place(parent, pages: list) -> None:
    """Give unsaved pages of one model their place as children of `parent`."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page

    content_type = ContentType.objects.get_for_model(type(pages[0]))
    locale = Locale.get_default()
    for step, page in enumerate(pages, start=1):
        page.path = Page._get_path(parent.path, parent.depth + 1, step)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale = locale
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
    Page.objects.filter(pk=parent.pk).update(numchild=len(pages))


def insert(pages: list, batch_size: int = 1000) -> None:
    """Write placed pages: the page rows, then the model's own table."""
    from wagtail.models import Page

    model = type(pages[0])
    fields = model._meta.local_concrete_fields
    for start in range(0, len(pages), batch_size):
        batch = pages[start : start + batch_size]
        Page.objects.bulk_create(batch)
        for page in batch:
            page.page_ptr_id = page.id
        model._base_manager._insert(batch, fields=fields, using="default")


def build(*, cases: int, pages: int) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from wagtail.models import Site

    from cases.models import CaseIndexPage, CaseOwner, CasePage
    from intranet.core.models import Unit
    from news.models import NewsPage
    from news.services import news_index_create

    now = timezone.now()
    units = []
    for s in range(6):
        sector = Unit.objects.create(name=f"Sektor {s}", slug=f"sektor-{s}")
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
            password="!",  # noqa: S106 - unusable; nobody logs in
        )
        for n in range(600)
    )
    home = Site.objects.get(is_default_site=True).root_page
    news_index = news_index_create(parent=home, title="Nyheter", slug="nyheter")
    case_index = home.add_child(instance=CaseIndexPage(title="Saker", slug="saker"))

    case_rows = []
    for n in range(cases):
        active = now - datetime.timedelta(days=(n * 7) % 400, hours=n % 24)
        case_rows.append(
            CasePage(
                title=f"Sak {n}",
                slug=f"sak-{n}",
                summary="En sak vi jobber med.",
                unit=units[n % len(units)],
                status=STATUSES[n % len(STATUSES)],
                communication_need="none",
                owner=users[n % len(users)],
                first_published_at=active,
                last_published_at=active,
                last_activity_at=active,
            )
        )
    place(case_index, case_rows)
    insert(case_rows)
    CaseOwner.objects.bulk_create(
        [
            CaseOwner(case_id=case.pk, user=users[(n + k * 7) % len(users)])
            for n, case in enumerate(case_rows)
            for k in range(1 + n % 2)
        ],
        batch_size=2000,
    )

    articles = []
    for n in range(pages):
        published = now - datetime.timedelta(days=(n * 3) % 1460, hours=n % 24)
        articles.append(
            NewsPage(
                title=f"Nyhet {n}",
                slug=f"nyhet-{n}",
                intro="Nytt fra kommunen.",
                date=timezone.localdate(published),
                unit=units[n % len(units)],
                owner=users[(n * 13) % len(users)],
                first_published_at=published,
                last_published_at=published,
            )
        )
    place(news_index, articles)
    insert(articles)


def run_check() -> tuple[float, int]:
    from django.core.management import call_command
    from django.db import connection

    executed = 0

    def count(execute, sql, params, many, context):
        nonlocal executed
        executed += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(count):
        call_command("freshness_check", stdout=io.StringIO())
    return time.perf_counter() - started, executed


def measure(*, cases: int, pages: int) -> dict:
    from django.core.management import call_command

    from intranet.freshness import selectors
    from intranet.subscriptions.models import Notification

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    build(cases=cases, pages=pages)
    built = time.perf_counter() - started
    from django.utils import timezone

    now = timezone.now()
    stale = selectors.stale_cases(now=now).count()
    due = selectors.pages_due_for_review(now=now).count()
    first, first_queries = run_check()
    sent = Notification.objects.count()
    second, second_queries = run_check()
    assert Notification.objects.count() == sent, "the second run sent again"
    return {
        "cases": cases,
        "pages": pages,
        "stale": stale,
        "due": due,
        "built": built,
        "first": first,
        "first_queries": first_queries,
        "sent": sent,
        "second": second,
        "second_queries": second_queries,
    }


def one(scale: float) -> None:
    """Measure one size in this process; print the result as JSON."""
    with tempfile.TemporaryDirectory(prefix="freshness-bench-") as folder:
        configure(Path(folder))
        from django.db import connection

        result = measure(
            cases=round(FULL_CASES * scale), pages=round(FULL_PAGES * scale)
        )
        result["engine"] = connection.vendor
    print("RESULT " + json.dumps(result), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale",
        type=float,
        action="append",
        help="fraction of 3,000 cases / 10,000 articles (repeatable; default "
        "0.1 and 1)",
    )
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        one(args.one)
        return

    results = []
    for scale in args.scale or [0.1, 1.0]:
        # A fresh process per size: a fresh database and no warm caches.
        output = subprocess.run(  # noqa: S603 - this script, with a number
            [sys.executable, __file__, "--one", str(scale)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        line = next(row for row in output.splitlines() if row.startswith("RESULT "))
        result = json.loads(line.removeprefix("RESULT "))
        print(
            f"{result['cases']} cases, {result['pages']} pages: built in "
            f"{result['built']:.0f} s",
            flush=True,
        )
        results.append(result)

    print(
        f"\nPython {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"{results[0]['engine']}\n"
    )
    print(
        "| cases / articles | stale / due | first run s | queries | notifications "
        "| second run s | queries |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['cases']:,} / {r['pages']:,} | {r['stale']:,} / {r['due']:,} | "
            f"{r['first']:.2f} | {r['first_queries']} | {r['sent']:,} | "
            f"{r['second']:.2f} | {r['second_queries']} |"
        )


if __name__ == "__main__":
    main()
