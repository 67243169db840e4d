"""Server time of the front page and the news listing with 1,000 articles.

Run: .venv/bin/python benchmarks/render_bench.py [--articles 1000] [--requests 200]

Builds a throwaway SQLite database in a temporary folder (migrations, a news index,
the articles with a few dozen shared pictures), logs in as a member of staff with
Django's test client and times each page in-process: median and 95th percentile
over the timed requests after a warm-up. `/healthz` (one `SELECT 1`) is timed the
same way as a baseline, so the ratio says how the pages compare on this machine.
Not part of `make test`; figures go in benchmarks/README.md.
"""

import argparse
import datetime
import os
import platform
import random
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

    # The product's apps only: the tests' third kind of story would add a
    # query to every list that reads every kind.
    settings.INSTALLED_APPS = [
        app for app in settings.INSTALLED_APPS if app != "tests.storyapp"
    ]
    django.setup()
    settings.MEDIA_ROOT = folder / "media"
    settings.ALLOWED_HOSTS = ["testserver"]


def build(*, articles: int, images: int, rng: random.Random) -> None:
    import logging

    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page, Site

    from intranet.core.models import Topic, Unit
    from intranet.demo.images import demo_image
    from news import services
    from news.models import NewsPage

    logging.getLogger("wagtail").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    topics = [
        Topic.objects.create(name=f"Emne {n}", slug=f"emne-{n}") for n in range(12)
    ]
    sectors = [
        Unit.objects.create(name=f"Sektor {n}", slug=f"sektor-{n}") for n in range(3)
    ]
    units = [
        Unit.objects.create(name=f"Enhet {n}", slug=f"enhet-{n}", parent=sectors[n % 3])
        for n in range(9)
    ]
    pictures = [demo_image(title=f"Bilde {n}", rng=rng) for n in range(images)]
    home = Site.objects.get(is_default_site=True).root_page
    index = services.news_index_create(parent=home, title="Nyheter", slug="nyheter")
    today = timezone.localdate()
    started = time.perf_counter()
    with transaction.atomic():
        for n in range(articles):
            date = today - datetime.timedelta(days=n * 540 // articles)
            published = timezone.make_aware(
                datetime.datetime.combine(date, datetime.time(9))
            )
            themed = n % 7 == 0
            page = NewsPage(
                title=f"Nyhet nummer {n}",
                slug=f"nyhet-{n}",
                intro="En kort ingress som forteller hva saken handler om.",
                date=date,
                unit=units[n % len(units)],
                hero_image=pictures[n % len(pictures)] if n % 4 else None,
                hero_image_alt="Illustrasjon" if n % 4 else "",
                positioning_themes=["innovation"] if themed else [],
                nomination_text="Et godt eksempel." if themed else "",
                important=n < 2,
                important_until=today + datetime.timedelta(days=7) if n < 2 else None,
                first_published_at=published,
                last_published_at=published,
                body=[("paragraph", "<p>Brødtekst.</p>")],
            )
            page.topics.set(rng.sample(topics, 2))
            index.add_child(instance=page)
            if (n + 1) % 250 == 0:
                rate = (n + 1) / (time.perf_counter() - started)
                print(f"  {n + 1} articles ({rate:.0f}/s)", flush=True)
    assert NewsPage.objects.live().count() == articles
    assert Page.objects.type(NewsPage).count() == articles


def measure(client, path: str, *, warmup: int, runs: int, before=None) -> dict:
    """Median, p95 and queries of `path`; `before` runs untimed before each one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    before = before or (lambda: None)
    for _ in range(warmup):
        before()
        assert client.get(path).status_code == 200, path
    before()
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    query_count = len(queries.captured_queries)
    timings = []
    for _ in range(runs):
        before()
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, path
    timings.sort()
    return {
        "median": statistics.median(timings),
        "p95": timings[max(0, int(round(0.95 * len(timings))) - 1)],
        "queries": query_count,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--images", type=int, default=40)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="render-bench-") as folder:
        configure(Path(folder))
        from django.test import Client

        from tests.factories.core import UserFactory

        print(f"Building a database with {args.articles} articles …", flush=True)
        build(articles=args.articles, images=args.images, rng=random.Random(2012))
        client = Client()
        client.force_login(UserFactory(username="benk"))

        from intranet.core.services import content_version_bump

        pages = {
            "/healthz (baseline)": ("/healthz", None),
            "/ (front page)": ("/", None),
            # As right after every publish: the story lists are read again.
            "/ (stories not cached)": ("/", content_version_bump),
            "/nyheter/ (listing)": ("/nyheter/", None),
            "/nyheter/?topic=emne-3&page=3": ("/nyheter/?topic=emne-3&page=3", None),
        }
        results = {
            label: measure(
                client, path, warmup=args.warmup, runs=args.requests, before=before
            )
            for label, (path, before) in pages.items()
        }

    baseline = results["/healthz (baseline)"]["median"]
    print()
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, SQLite, "
        f"{args.articles} articles, {args.requests} requests per page after "
        f"{args.warmup} warm-up"
    )
    print(
        f"{'page':<34} {'median ms':>10} {'p95 ms':>8} {'× healthz':>10} {'queries':>8}"
    )
    for label, result in results.items():
        print(
            f"{label:<34} {result['median']:>10.1f} {result['p95']:>8.1f} "
            f"{result['median'] / baseline:>10.1f} {result['queries']:>8}"
        )


if __name__ == "__main__":
    main()
