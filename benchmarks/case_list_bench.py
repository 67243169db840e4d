"""Server time of the case lists at two municipality sizes, and how it grows.

Run: .venv/bin/python benchmarks/case_list_bench.py [--sizes 200 2000]
     [--updates 10] [--requests 30]
On PostgreSQL: DATABASE_URL=postgres://…/intranet_bench .venv/bin/python …

Builds a throwaway database (SQLite in a temporary folder, or a test database
on the PostgreSQL server of DATABASE_URL, dropped at the end) with a case list,
then for each size in turn adds cases until there are that many, each with
`--updates` live updates, and times in-process with Django's test client:

* /saker/ and /saker/?status=… (the case list, plain and filtered),
* Mine saker, and the admin dashboard as a case owner (the "my cases" panel),
* the admin dashboard as the communication team (plus the panel of cases
  needing measures, a tenth of all cases),
* a single case update page: a plain Wagtail page, the baseline.

Requests are interleaved (one of each page per round), so a slow moment hits
all pages alike. Prints per size the median and 95th percentile, the ratio to
the baseline and the SQL queries of one request, then the growth exponent of
each page between the sizes: log(t2/t1) / log(n2/n1) of the medians (0 is
flat, 1 grows with the number of cases, 2 with its square).

The cases and updates are inserted in bulk (tree paths computed here, as
Wagtail would), and then `case_facts_recount` fills their stored facts, as
it would after an import; the owner's cases are made the ordinary way. Not
part of `make test`; figures go in benchmarks/README.md.
"""

import argparse
import datetime
import math
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OWNED_CASES = 30  # the owner's own cases: the same at every size
NEEDING_MEASURES_EVERY = 10  # one case in ten: high need, nothing planned
PEOPLE_PER_CASE = 1  # roughly one person per case in the municipality


def configure(folder: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "intranet.settings.test"
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = folder / "media"
    settings.ALLOWED_HOSTS = ["testserver"]


def create_database() -> str:
    """A fresh, migrated database: SQLite's file, or a PostgreSQL test database."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0)
        return "SQLite"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (version,) = cursor.fetchone()
    return f"PostgreSQL {version}"


def destroy_database() -> None:
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "sqlite":
        connection.creation.destroy_test_db(settings.DATABASES["default"]["NAME"], 0)


class World:
    """The case list, its people and the pages the benchmark times."""

    def __init__(self) -> None:
        from django.contrib.auth.models import Group
        from wagtail.models import Site

        from cases import services
        from intranet.core.models import Unit
        from intranet.core.roles import COMMUNICATION, STAFF
        from tests.factories.core import UserFactory

        home = Site.objects.get(is_default_site=True).root_page
        self.index = services.case_index_create(
            parent=home, title="Saker", slug="saker"
        )
        sectors = [
            Unit.objects.create(name=f"Sektor {n}", slug=f"s-{n}") for n in range(4)
        ]
        self.units = [
            Unit.objects.create(name=f"Enhet {n}", slug=f"e-{n}", parent=sectors[n % 4])
            for n in range(24)
        ]
        self.owner = UserFactory(username="eier", groups=[STAFF])
        self.team = UserFactory(username="kommunikasjon", groups=[STAFF, COMMUNICATION])
        self.staff_group = Group.objects.get(name=STAFF)
        self.people = []
        self.cases = 0
        self.baseline_url = ""

    def grow_people(self, count: int) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.hashers import make_password

        User = get_user_model()
        password = make_password("passord")
        start = len(self.people)
        made = User.objects.bulk_create(
            User(
                username=f"ansatt{n}",
                first_name="Kari",
                last_name=f"Nordmann{n}",
                email=f"ansatt{n}@kommune.invalid",
                password=password,
            )
            for n in range(start, count)
        )
        self.staff_group.user_set.add(*made)
        self.people += made

    def grow_cases(self, total: int, *, updates: int) -> None:
        """Add cases (the first `OWNED_CASES` the owner's, made one by one
        through the services) until there are `total`, each with `updates`."""
        from cases import services

        self.grow_people(max(total * PEOPLE_PER_CASE, 10))
        while self.cases < min(total, OWNED_CASES):
            case = services.case_create(
                index=self.index,
                title=f"Min sak {self.cases:04}",
                owners=[self.owner],
                summary="En sak eieren følger opp.",
                unit=self.units[self.cases % len(self.units)],
                status="ongoing",
                communication_need="none",
            )
            for number in range(updates):
                services.case_update_create(
                    case=case,
                    title=f"Oppdatering {number}",
                    intro="Dette har skjedd.",
                    author=self.owner,
                    publication_date=_ago(days=self.cases + number),
                )
            self.cases += 1
            if not self.baseline_url:
                self.baseline_url = case.get_children().live().first().url
        if self.cases < total:
            _bulk_cases(self, total - self.cases, updates=updates)
            self.cases = total
        started = time.perf_counter()
        corrected = services.case_facts_recount()
        print(
            f"  case_facts_recount: {corrected} cases in "
            f"{time.perf_counter() - started:.1f} s",
            flush=True,
        )


def _ago(*, days: int) -> datetime.datetime:
    from django.utils import timezone

    return timezone.now() - datetime.timedelta(days=days % 700, hours=days % 24)


def _bulk_cases(world: World, count: int, *, updates: int) -> None:
    """Insert `count` live cases with their updates in bulk: the page rows in
    tree order under the case list, then each type's own rows."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from wagtail.models import Page

    from cases.models import CaseOwner, CasePage, CaseUpdatePage

    started = time.perf_counter()
    index = Page.objects.get(pk=world.index.pk)
    case_type = ContentType.objects.get_for_model(CasePage)
    update_type = ContentType.objects.get_for_model(CaseUpdatePage)
    last = index.get_last_child()
    first_step = int(last.path[-CasePage.steplen :], 36) + 1 if last else 1

    def page(*, path, depth, title, slug, url_path, content_type, published, kids):
        return Page(
            path=path,
            depth=depth,
            numchild=kids,
            title=title,
            draft_title=title,
            slug=slug,
            url_path=url_path,
            content_type=content_type,
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            latest_revision_created_at=published,
            locale_id=index.locale_id,
            translation_key=uuid.uuid4(),
        )

    batch = 200
    with transaction.atomic():
        for start in range(0, count, batch):
            numbers = range(
                world.cases + start, world.cases + min(start + batch, count)
            )
            case_pages, update_pages, update_dates = [], [], []
            for offset, number in enumerate(numbers):
                step = first_step + start + offset
                path = CasePage._get_path(index.path, index.depth + 1, step)
                slug = f"sak-{number}"
                url_path = f"{index.url_path}{slug}/"
                case_pages.append(
                    page(
                        path=path,
                        depth=index.depth + 1,
                        title=f"Sak nummer {number}",
                        slug=slug,
                        url_path=url_path,
                        content_type=case_type,
                        published=_ago(days=number + updates + 30),
                        kids=updates,
                    )
                )
                for u in range(updates):
                    date = _ago(days=number + u)
                    update_pages.append(
                        page(
                            path=CasePage._get_path(path, index.depth + 2, u + 1),
                            depth=index.depth + 2,
                            title=f"Oppdatering {u} i sak {number}",
                            slug=f"oppdatering-{u}",
                            url_path=f"{url_path}oppdatering-{u}/",
                            content_type=update_type,
                            published=date,
                            kids=0,
                        )
                    )
                    update_dates.append(date)
            Page.objects.bulk_create(case_pages)
            Page.objects.bulk_create(update_pages)
            if connection.vendor == "sqlite" and case_pages[0].pk is None:
                raise SystemExit("This SQLite cannot return ids from bulk inserts.")
            cases = []
            for case_page in case_pages:
                number = int(case_page.slug.rsplit("-", 1)[1])
                high = number % NEEDING_MEASURES_EVERY == 0
                cases.append(
                    CasePage(
                        page_ptr_id=case_page.pk,
                        summary="En sak i kommunen, med oppdateringer underveis.",
                        unit_id=world.units[number % len(world.units)].pk,
                        status=("ongoing", "planned", "paused", "completed")[
                            number % 4
                        ],
                        communication_need="high" if high else "none",
                        communication_audiences=["staff"] if high else [],
                        communication_channels=["intranet"] if high else [],
                        communication_key_messages="Viktig." if high else "",
                        body=[],
                    )
                )
            _insert_own_rows(CasePage, cases)
            _insert_own_rows(
                CaseUpdatePage,
                [
                    CaseUpdatePage(
                        page_ptr_id=update_page.pk,
                        publication_date=date,
                        intro="Dette har skjedd siden sist.",
                        body=[],
                    )
                    for update_page, date in zip(
                        update_pages, update_dates, strict=True
                    )
                ],
            )
            CaseOwner.objects.bulk_create(
                CaseOwner(
                    case_id=case.pk,
                    user=world.people[(case.pk * 7) % len(world.people)],
                    sort_order=0,
                )
                for case in cases
            )
        Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)
    rate = count / (time.perf_counter() - started)
    print(
        f"  {count} cases with {count * updates} updates in bulk ({rate:.0f} cases/s)"
    )


def _insert_own_rows(model, objects: list) -> None:
    """Insert the rows of a page type's own table (its page rows exist):
    Django's bulk_create refuses models with a parent table."""
    fields = [
        field
        for field in model._meta.local_concrete_fields
        if not (field.primary_key and field.auto_created and not field.remote_field)
    ]
    for obj in objects:
        for field in fields:
            if getattr(obj, field.attname, None) is None and field.has_default():
                setattr(obj, field.attname, field.get_default())
    for start in range(0, len(objects), 500):
        model._base_manager._insert(
            objects[start : start + 500], fields=fields, using="default"
        )


def time_pages(clients: dict, pages: dict, *, warmup: int, runs: int) -> dict:
    """Median, p95 and queries per page, the requests interleaved."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get(label: str):
        who, url = pages[label]
        response = clients[who].get(url)
        assert response.status_code == 200, (label, response.status_code)
        return response

    for _ in range(warmup):
        for label in pages:
            get(label)
    queries = {}
    for label in pages:
        with CaptureQueriesContext(connection) as captured:
            get(label)
        queries[label] = len(captured.captured_queries)
    timings = {label: [] for label in pages}
    for _ in range(runs):
        for label in pages:
            started = time.perf_counter()
            get(label)
            timings[label].append((time.perf_counter() - started) * 1000)
    results = {}
    for label, values in timings.items():
        values.sort()
        results[label] = {
            "median": statistics.median(values),
            "p95": values[max(0, int(round(0.95 * len(values))) - 1)],
            "queries": queries[label],
        }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[200, 2000])
    parser.add_argument("--updates", type=int, default=10)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    small, large = sorted(args.sizes)

    with tempfile.TemporaryDirectory(prefix="case-list-bench-") as folder:
        configure(Path(folder))
        import logging

        from django.db import connection
        from django.test import Client
        from django.urls import reverse

        logging.getLogger("wagtail").setLevel(logging.WARNING)
        engine = create_database()
        try:
            world = World()
            clients = {"owner": Client(), "team": Client()}
            clients["owner"].force_login(world.owner)
            clients["team"].force_login(world.team)
            results = {}
            for size in (small, large):
                print(f"Building {size} cases with {args.updates} updates each …")
                world.grow_cases(size, updates=args.updates)
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE")
                pages = {
                    "case update page (baseline)": ("owner", world.baseline_url),
                    "/saker/": ("owner", "/saker/"),
                    "/saker/?status=paused": ("owner", "/saker/?status=paused"),
                    "Mine saker": ("owner", reverse("cases:my_cases")),
                    "/admin/ as case owner": ("owner", reverse("wagtailadmin_home")),
                    "/admin/ as communication": ("team", reverse("wagtailadmin_home")),
                }
                results[size] = time_pages(
                    clients, pages, warmup=args.warmup, runs=args.requests
                )
        finally:
            destroy_database()

    print()
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {engine}, "
        f"{args.updates} updates per case, {args.requests} requests per page "
        f"(interleaved) after {args.warmup} warm-up rounds"
    )
    for size in (small, large):
        baseline = results[size]["case update page (baseline)"]["median"]
        print(f"\n{size} cases")
        print(
            f"{'page':<30} {'median ms':>10} {'p95 ms':>8} {'× base':>7} {'queries':>8}"
        )
        for label, result in results[size].items():
            print(
                f"{label:<30} {result['median']:>10.1f} {result['p95']:>8.1f} "
                f"{result['median'] / baseline:>7.1f} {result['queries']:>8}"
            )
    print(f"\ngrowth exponent {small} → {large} cases (median)")
    for label in results[small]:
        ratio = results[large][label]["median"] / results[small][label]["median"]
        exponent = math.log(ratio) / math.log(large / small)
        print(f"{label:<30} {exponent:>6.2f}")


if __name__ == "__main__":
    main()
