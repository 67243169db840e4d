"""Municipal scale of the annual plan, the insights dashboard and daily digests.

    .venv/bin/python benchmarks/planscale_bench.py                    # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/empty_db \\
      .venv/bin/python benchmarks/planscale_bench.py                  # PostgreSQL
    .venv/bin/python benchmarks/planscale_bench.py --scales 0.25 1 --rounds 20

A municipality at scale 1 has 60 units (6 sectors), 3,000 people, 3,000 cases
with 30,000 updates, 5,000 news articles, 5,000 activities in this year's plan
and 200,000 notifications, of which three daily digest items for each of 5,000
readers. The pages are written in bulk (tree paths computed here, not through
Wagtail's `add_child`), so scale 1 builds in about a minute.

At each scale (the database grows from the smaller to the larger) the script
times, in interleaved rounds (one request of each page per round, so a busy
moment of the machine hits every page alike):

- a plain Wagtail page (a news article) as the baseline;
- the årshjul: the year, the current month and the agenda;
- the insights dashboard and its stale-cases CSV (which stays complete);

with the median, the 95th percentile, the ratio of the median to the baseline's
and the queries per request; then the daily digests for every reader (run
``--digest-rounds`` times, the sent items made owed again between runs).

The growth exponent b in time ∝ size^b between the two scales says whether a
page is flat in the size of the municipality (b near 0) or grows with it (b
near 1: linear). For the digests, the time per reader should be flat.
Not part of `make test`; figures go in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

#: What a municipality of scale 1 holds.
FULL = {
    "sectors": 6,
    "units": 60,
    "people": 3000,
    "cases": 3000,
    "updates_per_case": 10,
    "news": 5000,
    "activities": 5000,
    "notifications": 200_000,
    "digest_readers": 5000,
    "digest_items": 3,
}


def configure(folder: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "intranet.settings.test"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    import django
    from django.conf import settings

    django.setup()
    import logging

    for name in ("wagtail", "axes"):
        logging.getLogger(name).setLevel(logging.WARNING)
    settings.MEDIA_ROOT = folder / "media"
    settings.ALLOWED_HOSTS = ["testserver"]
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def chunks(items: list, size: int = 1000):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Municipality:
    """Grows the content to a scale, writing pages in bulk under two indexes."""

    def __init__(self) -> None:
        from django.contrib.auth.models import Group
        from wagtail.models import Locale, Site

        from intranet.core.models import Topic
        from intranet.core.roles import COMMUNICATION, STAFF
        from news import services as news_services
        from tests.factories.cases import CaseIndexPageFactory

        self.locale = Locale.get_default()
        self.home = Site.objects.get(is_default_site=True).root_page
        self.case_index = CaseIndexPageFactory(
            parent=self.home, title="Saker", slug="saker"
        )
        self.news_index = news_services.news_index_create(
            parent=self.home, title="Nyheter", slug="nyheter"
        )
        self.topics = [
            Topic.objects.create(name=f"Emne {n}", slug=f"emne-{n}") for n in range(12)
        ]
        self.staff = Group.objects.get(name=STAFF)
        self.team = Group.objects.get(name=COMMUNICATION)
        self.have = dict.fromkeys(FULL, 0)
        self.units: list = []
        self.sectors: list = []
        self.people: list = []
        self.readers: list = []
        self.extra_readers: list = []
        self.history = 0
        self._done_cases = self._done_news = 0
        self.cases: list = []

    # -- the organisation and its people --------------------------------------

    def _units(self, target: int, sectors: int) -> None:
        from intranet.core.models import Unit

        while len(self.sectors) < sectors:
            n = len(self.sectors)
            self.sectors.append(
                Unit.objects.create(name=f"Sektor {n:02d}", slug=f"sektor-{n}")
            )
        for n in range(len(self.units), target - len(self.sectors)):
            self.units.append(
                Unit.objects.create(
                    name=f"Enhet {n:03d}",
                    slug=f"enhet-{n}",
                    parent=self.sectors[n % len(self.sectors)],
                )
            )

    def _users(self, start: int, end: int, *, prefix: str, profiles: bool) -> list:
        from django.contrib.auth import get_user_model

        from intranet.core.models import StaffProfile

        User = get_user_model()
        User.objects.bulk_create(
            [
                User(
                    username=f"{prefix}{n}",
                    first_name=f"Fornavn{n}",
                    last_name=f"Etternavn{n % 997}",
                    email=f"{prefix}{n}@kommune.invalid",
                )
                for n in range(start, end)
            ],
            batch_size=1000,
        )
        users = list(
            User.objects.filter(
                username__in=[f"{prefix}{n}" for n in range(start, end)]
            ).order_by("pk")
        )
        User.groups.through.objects.bulk_create(
            [
                User.groups.through(user_id=user.pk, group_id=self.staff.pk)
                for user in users
            ],
            batch_size=2000,
        )
        if profiles:
            StaffProfile.objects.bulk_create(
                [
                    StaffProfile(user=user, unit=self.units[n % len(self.units)])
                    for n, user in enumerate(users, start=start)
                ],
                batch_size=1000,
            )
        return users

    # -- pages in bulk -----------------------------------------------------------

    def _place(self, parent, pages: list) -> list:
        """Give `pages` (specific instances, not saved) their places as the
        next children of `parent` (saved or only placed), in memory."""
        from wagtail.models import Page

        for page in pages:
            parent.numchild += 1
            page.path = Page._get_path(parent.path, parent.depth + 1, parent.numchild)
            page.depth = parent.depth + 1
            page.numchild = 0
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.locale = self.locale
            page.draft_title = page.title
            page.content_type_id = self._content_type(type(page))
        return pages

    def _insert(self, pages: list) -> None:
        """Write placed pages in their order (ids follow it): the page rows,
        then each model's own table."""
        from django.db import connection
        from wagtail.models import Page

        base_fields = [
            field for field in Page._meta.local_concrete_fields if not field.primary_key
        ]
        for batch in chunks(pages):
            Page.objects.bulk_create(
                [
                    Page(
                        **{
                            field.attname: getattr(page, field.attname)
                            for field in base_fields
                        }
                    )
                    for page in batch
                ]
            )
        ids = {}
        for batch in chunks([page.path for page in pages], 5000):
            ids.update(Page.objects.filter(path__in=batch).values_list("path", "pk"))
        by_model: dict = {}
        for page in pages:
            page.pk = page.page_ptr_id = ids[page.path]
            by_model.setdefault(type(page), []).append(page)
        for model, rows in by_model.items():
            for batch in chunks(rows):
                model._base_manager._insert(
                    batch,
                    fields=list(model._meta.local_concrete_fields),
                    using=connection.alias,
                )

    def _save_numchild(self, parent) -> None:
        from wagtail.models import Page

        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild)

    _content_types: dict = {}

    def _content_type(self, model) -> int:
        from django.contrib.contenttypes.models import ContentType

        if model not in self._content_types:
            self._content_types[model] = ContentType.objects.get_for_model(model).pk
        return self._content_types[model]

    def _cases(self, start: int, end: int, updates: int) -> None:
        from django.utils import timezone

        from cases.models import CaseOwner, CasePage, CaseStatus, CaseUpdatePage

        now = timezone.now()
        statuses = [CaseStatus.ONGOING, CaseStatus.PLANNED, CaseStatus.COMPLETED]
        cases = [
            CasePage(
                title=f"Sak {n:05d} om tjenesteutvikling",
                slug=f"sak-{n}",
                summary="En sak vi jobber med i kommunen.",
                unit=self.units[n % len(self.units)],
                status=statuses[n % 3],
                communication_need="none",
                live=True,
                has_unpublished_changes=False,
                # Cases age from 3 to about 400 days: some are stale.
                first_published_at=now - datetime.timedelta(days=3 + n % 400),
                last_published_at=now - datetime.timedelta(days=3 + n % 400),
                owner=self.people[n % len(self.people)],
            )
            for n in range(start, end)
        ]
        self._place(self.case_index, cases)
        placed = []
        for n, case in enumerate(cases, start=start):
            age = 3 + n % 400
            placed.append(case)
            placed += self._place(
                case,
                [
                    CaseUpdatePage(
                        title=f"Oppdatering {u} i sak {n}",
                        slug=f"oppdatering-{u}",
                        intro="Dette har skjedd siden sist.",
                        # Updates spread over the case's life, the last one
                        # `age` days ago: cases older than 60 days are stale.
                        publication_date=now
                        - datetime.timedelta(days=age + (updates - 1 - u) * 7),
                        unit=self.units[(n + u) % len(self.units)],
                        positioning_themes=["innovation"] if (n + u) % 9 == 0 else [],
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=now,
                        last_published_at=now,
                    )
                    for u in range(updates)
                ],
            )
        # A case and its updates are written together, as they are published.
        self._insert(placed)
        self._save_numchild(self.case_index)
        CaseOwner.objects.bulk_create(
            [
                CaseOwner(
                    case_id=case.pk,
                    user=self.people[n % len(self.people)],
                    sort_order=0,
                )
                for n, case in enumerate(cases, start=start)
            ],
            batch_size=2000,
        )
        self.cases.extend(cases)

    def _news(self, start: int, end: int) -> None:
        from django.utils import timezone

        from news.models import NewsPage

        today = timezone.localdate()
        now = timezone.now()
        articles = self._place(
            self.news_index,
            [
                NewsPage(
                    title=f"Nyhet {n:05d} fra kommunen",
                    slug=f"nyhet-{n}",
                    intro="Nytt fra kommunen.",
                    date=today - datetime.timedelta(days=n % 700),
                    unit=self.units[n % len(self.units)],
                    positioning_themes=["competence"] if n % 7 == 0 else [],
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    owner=self.people[n % len(self.people)],
                )
                for n in range(start, end)
            ],
        )
        self._insert(articles)
        self._save_numchild(self.news_index)

    def _activities(self, start: int, end: int) -> None:
        from django.utils import timezone

        from intranet.planning.models import ActivityStatus, CommunicationActivity

        year = timezone.localdate().year
        first = datetime.date(year, 1, 1)
        statuses = [ActivityStatus.PLANNED] * 3 + [ActivityStatus.DONE]
        activities = CommunicationActivity.objects.bulk_create(
            [
                CommunicationActivity(
                    title=f"Tiltak {n:05d}",
                    start_date=first + datetime.timedelta(days=n % 365),
                    end_date=first + datetime.timedelta(days=n % 365 + n % 3),
                    unit=self.units[n % len(self.units)],
                    case=self.cases[n % len(self.cases)] if n % 2 else None,
                    status=statuses[n % 4],
                    audiences=["citizens"],
                    channels=["website", "press"][: 1 + n % 2],
                )
                for n in range(start, end)
            ],
            batch_size=1000,
        )
        Through = CommunicationActivity.owners.through
        Through.objects.bulk_create(
            [
                Through(
                    communicationactivity_id=activity.pk,
                    user_id=self.people[(n * 7) % len(self.people)].pk,
                )
                for n, activity in enumerate(activities, start=start)
            ],
            batch_size=2000,
        )

    def _notifications(self, readers: list, history: int) -> None:
        """Three digest items for each of `readers`, and `history` emailed
        notifications (the outbox of earlier days)."""
        from django.utils import timezone

        from intranet.subscriptions.models import Delivery, Notification, Subscription
        from news.models import NewsPage

        Subscription.objects.bulk_create(
            [
                Subscription(user=reader, name="Mine emner", delivery=Delivery.DAILY)
                for reader in readers
            ],
            batch_size=1000,
        )
        subscription_of = dict(
            Subscription.objects.filter(user__in=readers).values_list("user_id", "pk")
        )
        pages = list(
            NewsPage.objects.order_by("-pk").values("pk", "title", "url_path", "intro")[
                :50
            ]
        )
        items = FULL["digest_items"]
        rows = [
            Notification(
                user=reader,
                page_id=page["pk"],
                subscription_id=subscription_of[reader.pk],
                delivery=Delivery.DAILY,
                title=page["title"],
                url="/" + page["url_path"].split("/", 2)[-1],
                intro=page["intro"],
                content_type="news",
            )
            for n, reader in enumerate(readers)
            for page in (pages[(n + i) % len(pages)] for i in range(items))
        ]
        sent = timezone.now() - datetime.timedelta(days=2)
        old_pages = list(
            NewsPage.objects.order_by("pk").values_list("pk", flat=True)[:2000]
        )
        rows += [
            Notification(
                user=self.readers[n % len(self.readers)],
                page_id=old_pages[n % len(old_pages)],
                kind="reminder",
                key=f"old-{n}",
                delivery=Delivery.DAILY,
                title="Tidligere varsel",
                url="/",
                content_type="news",
                emailed_at=sent,
            )
            for n in range(self.history, self.history + history)
        ]
        self.history += history
        Notification.objects.bulk_create(rows, batch_size=2000)

    def grow(self, scale: float) -> None:
        """Add what is missing for `scale` (every count is FULL × scale)."""
        from django.db import connection

        started = time.perf_counter()
        want = {key: round(value * scale) for key, value in FULL.items()}
        want["sectors"] = FULL["sectors"]
        want["units"] = max(want["sectors"] + 6, round(FULL["units"] * scale))
        want["updates_per_case"] = FULL["updates_per_case"]
        want["digest_items"] = FULL["digest_items"]
        self._units(want["units"], want["sectors"])
        if want["people"] > len(self.people):
            self.people += self._users(
                len(self.people), want["people"], prefix="person", profiles=True
            )
        # The people and as many more readers receive the digests.
        extra = want["digest_readers"] - want["people"]
        if extra > len(self.extra_readers):
            self.extra_readers += self._users(
                len(self.extra_readers), extra, prefix="leser", profiles=False
            )
        known = {reader.pk for reader in self.readers}
        new_readers = [
            reader
            for reader in [*self.people, *self.extra_readers]
            if reader.pk not in known
        ]
        self.readers += new_readers
        self.have["people"] = len(self.people)
        # Cases (with their updates) and articles in turns of 100 cases, so
        # their pages interleave as they would over the years.
        steps = max(1, math.ceil((want["cases"] - self.have["cases"]) / 100))
        for step in range(1, steps + 1):
            cases = (
                self.have["cases"]
                + (want["cases"] - self.have["cases"]) * step // steps
            )
            news = (
                self.have["news"] + (want["news"] - self.have["news"]) * step // steps
            )
            self._cases(self._done_cases, cases, want["updates_per_case"])
            self._news(self._done_news, news)
            self._done_cases, self._done_news = cases, news
        self.have["cases"], self.have["news"] = want["cases"], want["news"]
        self._activities(self.have["activities"], want["activities"])
        self.have["activities"] = want["activities"]
        owed = len(new_readers) * want["digest_items"]
        history = max(0, want["notifications"] - self.have["notifications"] - owed)
        self._notifications(new_readers, history)
        self.have["notifications"] += owed + history
        self.have["digest_readers"] = want["digest_readers"]
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(
            f"  scale {scale:g}: {want['people']} people, {want['cases']} cases, "
            f"{want['cases'] * want['updates_per_case']} updates, {want['news']} news, "
            f"{want['activities']} activities, {want['notifications']} notifications "
            f"({want['digest_readers']} digest readers) in "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )


def measure_pages(client, pages: dict[str, str], *, rounds: int, warmup: int) -> dict:
    """Interleaved rounds: each page once per round."""
    from django.db import connection

    for _ in range(warmup):
        for path in pages.values():
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
    queries = {}
    for label, path in pages.items():
        executed: list[str] = []

        def count(execute, sql, params, many, context, executed=executed):
            executed.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(path)
        queries[label] = len(executed)
    timings: dict[str, list[float]] = {label: [] for label in pages}
    for _ in range(rounds):
        for label, path in pages.items():
            started = time.perf_counter()
            response = client.get(path)
            timings[label].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, path
    return {
        label: {
            "median": statistics.median(values),
            "p95": p95(values),
            "queries": queries[label],
        }
        for label, values in timings.items()
    }


def measure_digests(*, rounds: int, shards: int) -> dict:
    """Daily digests for every reader, in this process, then (with `shards`
    above 1, on PostgreSQL) as that many `send_digests --shard` processes at
    once; the sent items are made owed again before each run."""
    import subprocess

    from django.core import mail
    from django.db import connection
    from django.utils import timezone

    from intranet.subscriptions import delivery
    from intranet.subscriptions.models import Delivery, Notification

    owed = Notification.objects.filter(delivery=Delivery.DAILY, kind="match")
    seconds, people = [], 0
    for _ in range(rounds):
        owed.update(emailed_at=None, attempts=0, next_attempt_at=None)
        mail.outbox = []
        started = time.perf_counter()
        people, failed = delivery.digests_send(period=Delivery.DAILY)
        seconds.append(time.perf_counter() - started)
        assert failed == 0 and len(mail.outbox) == people, (people, failed)
    assert not owed.filter(emailed_at__isnull=True).exists()
    result = {
        "people": people,
        "median": statistics.median(seconds),
        "p95": p95(seconds),
    }
    if shards > 1 and connection.vendor == "postgresql":
        sharded = []
        for _ in range(rounds):
            owed.update(emailed_at=None, attempts=0, next_attempt_at=None)
            started = time.perf_counter()
            processes = [
                subprocess.Popen(  # noqa: S603 - fixed arguments
                    [
                        sys.executable,
                        str(ROOT / "manage.py"),
                        "send_digests",
                        "--period=daily",
                        f"--shard={number}/{shards}",
                        "--verbosity=0",
                    ],
                    cwd=ROOT,
                    stdout=subprocess.DEVNULL,
                )
                for number in range(1, shards + 1)
            ]
            assert all(process.wait() == 0 for process in processes)
            sharded.append(time.perf_counter() - started)
            assert not owed.filter(emailed_at__isnull=True).exists()
        result["sharded"] = {
            "shards": shards,
            "median": statistics.median(sharded),
            "p95": p95(sharded),
        }
    owed.update(emailed_at=timezone.now())
    return result


def exponent(small: float, large: float, scales: tuple[float, float]) -> float:
    """b in time ∝ size^b between the two scales."""
    return math.log(large / small) / math.log(scales[1] / scales[0])


def report(results: dict, scales: tuple[float, float], args, vendor: str) -> None:
    small, large = scales
    print()
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {vendor}, "
        f"{args.rounds} interleaved rounds after {args.warmup} warm-up; "
        f"scales {small:g} and {large:g}"
    )
    print(
        "page | median ms | p95 ms | × baseline | queries | exponent | "
        "exponent of × baseline"
    )
    for label in results[small]["pages"]:
        one, other = results[small]["pages"][label], results[large]["pages"][label]
        base_one = results[small]["pages"]["article (baseline)"]["median"]
        base_other = results[large]["pages"]["article (baseline)"]["median"]
        relative = exponent(
            one["median"] / base_one, other["median"] / base_other, scales
        )
        print(
            f"{label} | {one['median']:.1f} → {other['median']:.1f} | "
            f"{one['p95']:.1f} → {other['p95']:.1f} | "
            f"{one['median'] / base_one:.1f} → {other['median'] / base_other:.1f} | "
            f"{one['queries']} → {other['queries']} | "
            f"{exponent(one['median'], other['median'], scales):.2f} | "
            f"{relative:.2f}"
        )
    if "digests" not in results[small]:
        return
    one, other = results[small]["digests"], results[large]["digests"]
    for row in (one, other):
        print(
            f"daily digests for {row['people']} people: median {row['median']:.1f} s, "
            f"p95 {row['p95']:.1f} s, {1000 * row['median'] / row['people']:.2f} ms "
            "per person"
        )
        if "sharded" in row:
            sharded = row["sharded"]
            print(
                f"  in {sharded['shards']} shard processes at once: median "
                f"{sharded['median']:.1f} s, p95 {sharded['p95']:.1f} s"
            )
    per_person = exponent(
        one["median"] / one["people"], other["median"] / other["people"], scales
    )
    print(f"exponent of the time per person: {per_person:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs=2, default=[0.25, 1.0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--digest-rounds", type=int, default=3)
    parser.add_argument(
        "--shards", type=int, default=2, help="send_digests processes (PostgreSQL)"
    )
    parser.add_argument("--skip-digests", action="store_true")
    args = parser.parse_args()
    scales = tuple(sorted(args.scales))

    with tempfile.TemporaryDirectory(prefix="planscale-bench-") as folder:
        configure(Path(folder))
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client
        from django.utils import timezone

        from news.models import NewsPage

        vendor = connection.vendor
        print(f"Building the municipality on {vendor} …", flush=True)
        town = Municipality()
        today = timezone.localdate()
        results: dict = {}
        for scale in scales:
            town.grow(scale)
            client = Client()
            team = get_user_model().objects.get(username="person0")
            team.groups.add(town.team)
            client.force_login(team)
            article = NewsPage.objects.order_by("pk").first()
            pages = {
                "article (baseline)": article.url,
                "årshjul, year": f"/arshjul/{today.year}/",
                "årshjul, month": f"/arshjul/{today.year}/{today.month}/",
                "årshjul, agenda": f"/arshjul/agenda/?fra={today.year}-01-01",
                "insights dashboard": "/admin/innsikt/",
                "insights, stale cases CSV": (
                    "/admin/innsikt/csv/saker-uten-oppdatering/"
                ),
            }
            results[scale] = {
                "pages": measure_pages(
                    client, pages, rounds=args.rounds, warmup=args.warmup
                )
            }
            if not args.skip_digests:
                results[scale]["digests"] = measure_digests(
                    rounds=args.digest_rounds, shards=args.shards
                )
            print(f"  scale {scale:g} measured", flush=True)
    report(results, scales, args, vendor)


if __name__ == "__main__":
    main()
