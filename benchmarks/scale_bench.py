"""Municipal scale: every page a person uses, on a generated municipality, at two sizes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/intranet \\
      .venv/bin/python benchmarks/scale_bench.py --size 0.3 --reuse --json s030.json
    DATABASE_URL=... .venv/bin/python benchmarks/scale_bench.py --size 1.0 --reuse \\
      --json s100.json
    .venv/bin/python benchmarks/scale_bench.py --compare s030.json s100.json

PostgreSQL only (a municipality does not run on SQLite): the database named in
DATABASE_URL is not touched; the script works in `<name>_scale<percent>` on the same
server (e.g. `intranet_scale100`), so its role needs CREATEDB. With `--reuse` a
complete database of that size from an earlier run is measured again (building
100 % takes minutes); `--keep` keeps a newly built one; otherwise it is dropped.

Size 1.0 is a municipality of 3,000 people in 60 units (6 sectors of 9 units),
3,000 cases with 30,000 updates, 5,000 news articles, 20,000 comments, 100,000
reactions, 15,000 subscriptions, 200,000 notifications and 5,000 activities in the
annual plan, on top of the demo data (`seed_demo`: its people and logins, the front
page, the news and case lists). Every number scales with `--size`. Pages are
written in bulk, as Wagtail would have stored them: tree paths (path, depth,
numchild), URL paths, one revision per page with its serialised content as latest
and live revision, a publish log entry, case owners, topics and tags; then
`search_rebuild` builds the search index and `case_facts_recount` runs if the
project has it. Subscriptions get their derived matching columns and filter rows
from the same code `subscription_create` uses.

Then it measures, in-process with Django's test client, the production settings
(`intranet.settings.production`: DEBUG off, WhiteNoise, security and CSP
middleware, connections kept open) with a local-memory cache (or `--cache-url`),
plain static file storage (no collectstatic manifest needed) and log level WARNING
(no JSON line per request on the terminal): each page in interleaved rounds with a
bare Wagtail `Page` as the baseline, median and p95 in ms, the ratio of the median
to the bare page's median in the same phase (the pages right after a change are
measured in rounds of their own), and the SQL queries of one request. Publishing a
case and publishing an update (with the subscription fan-out) are timed last.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FULL = {
    "people": 3000,
    "sectors": 6,
    "units": 54,
    "cases": 3000,
    "updates": 30000,
    "news": 5000,
    "comments": 20000,
    "reactions": 100000,
    "subscriptions": 15000,
    "notifications": 200000,
    "activities": 5000,
    "read_days": 70000,
}
PERSON = "kari.nordmann"  # a member of staff who owns cases
COMMUNICATOR = "silje.aas"  # the communication team
MY_CASES = 20
BIG_CASE_UPDATES = 60
BUSY_UPDATE_COMMENTS = 80
RESTRICTED_SHARE = 0.02  # cases only the communication team may read
BATCH = 1000
PLAIN_SLUG = "skala-enkel-side"
BIG_CASE_SLUG = "skala-sak-med-mange-oppdateringer"
BUSY_UPDATE_SLUG = "skala-oppdatering-med-mange-kommentarer"
NEWS_SLUG = "skala-nyhet-til-maaling"
RARE_WORD = "ladestasjonsplan"

# Words the generated text is made of. The first ones are common (Zipf), so
# "skole" is a broad search and the rare word above a narrow one.
WORDS = (
    "kommune skole barnehage helse omsorg plan prosjekt tjeneste innbyggere ansatte "
    "digitalisering klima budsjett arbeid utvikling samarbeid kompetanse nyskaping "
    "bibliotek kultur hjemmetjenesten sykehjem rehabilitering vei vann avløp byggesak "
    "regulering reguleringsplan folkehelse frivillighet ungdom eldre familie barn "
    "læring elever lærere rektor styrer foreldre møte rapport høring vedtak politikk "
    "kommunestyret formannskap utvalg økonomi innkjøp anbud kontrakt leverandør "
    "system løsning plattform sikkerhet personvern opplæring kurs nettverk ledelse "
    "arbeidsmiljø sykefravær trivsel rekruttering turnus vaktordning beredskap brann "
    "redning miljø energi solceller oppvarming avfall gjenvinning transport buss "
    "sykkel gangvei parkering idrett svømmehall kulturhus konsert festival utstilling "
    "velferdsteknologi trygghetsalarm medisindispenser sensorer pasienter pårørende "
    "legevakt helsestasjon jordmor vaksine tannhelse psykisk rus barnevern ppt "
    "spesialundervisning skolebygg uteområde lekeplass mat kantine renhold vedlikehold "
    "eiendom boliger tomter næringsliv turisme landbruk skog natur friluftsliv"
).split()
SECTOR_NAMES = [
    "Oppvekst",
    "Helse og velferd",
    "Samfunnsutvikling",
    "Kultur og fritid",
    "Teknisk drift",
    "Organisasjon og økonomi",
    "Innbyggerservice",
    "Eiendom",
]
FIRST_NAMES = (
    "Anne Inger Kari Marit Ingrid Liv Eva Berit Astrid Bjørg Hilde Anna Solveig "
    "Marianne Randi Ida Nina Maria Elisabeth Kristin Jan Per Bjørn Ole Lars Kjell Knut "
    "Arne Svein Thomas Hans Geir Tor Morten Terje Odd Erik Martin Andreas John "
    "Anders Rune Trond Tore Jon Espen Stian Nils Magnus"
).split()
LAST_NAMES = (
    "Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Kristiansen Jensen Karlsen "
    "Johnsen Pettersen Eriksen Berg Haugen Hagen Johannessen Andreassen Jacobsen "
    "Dahl Jørgensen Henriksen Lund Halvorsen Sørensen Jakobsen Moen Gundersen Iversen "
    "Strand Solberg Svendsen Eide Knutsen Martinsen Paulsen Bakken Kristoffersen "
    "Mathisen Lie Amundsen Nguyen Rasmussen Ali Lunde Solheim Berge Moe Nygård Bakke"
).split()


# Configuration -----------------------------------------------------------------


def size_tag(size: float) -> str:
    return f"scale{round(size * 100):03d}"


def scaled(size: float) -> dict[str, int]:
    counts = {name: max(1, round(value * size)) for name, value in FULL.items()}
    counts["sectors"] = max(3, counts["sectors"])
    counts["units"] = max(9, counts["units"])
    counts["people"] = max(60, counts["people"])
    counts["cases"] = max(MY_CASES + 5, counts["cases"])
    counts["updates"] = max(BIG_CASE_UPDATES + counts["cases"], counts["updates"])
    counts["comments"] = max(BUSY_UPDATE_COMMENTS + 20, counts["comments"])
    return counts


def database_url_for(size: float) -> tuple[str, str, str]:
    """(server URL without a database, this size's database name, its URL)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        sys.exit(
            "scale_bench.py measures the intranet at municipal scale on PostgreSQL "
            "only. Set DATABASE_URL=postgres://USER@HOST:5432/NAME (the role needs "
            f"CREATEDB); got {url.split(':', 1)[0] or 'nothing'!r}."
            + (" SQLite is not a municipal database." if "sqlite" in url else "")
        )
    parts = urlsplit(url)
    base = parts.path.strip("/") or "intranet"
    name = f"{base}_{size_tag(size)}"
    server = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    return server, name, urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))


def psql(server: str, sql: str, params: Sequence = ()) -> list[tuple]:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def database_state(server: str, name: str) -> str | None:
    """None if there is no such database, else its comment ('' if none)."""
    rows = psql(
        server,
        "SELECT coalesce(shobj_description(oid, 'pg_database'), '') "
        "FROM pg_database WHERE datname = %s",
        [name],
    )
    return rows[0][0] if rows else None


def configure(database_url: str, *, cache_url: str, folder: Path) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "intranet.settings.production",
            "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
            "EMAIL_URL": "memorymail://",
            "DEFAULT_FROM_EMAIL": "intranett@kommune.invalid",
            "WAGTAILADMIN_BASE_URL": "https://intranett.kommune.invalid",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "MEDIA_ROOT": str(folder / "media"),
            "STATIC_ROOT": str(folder / "static"),
            "LOG_LEVEL": "WARNING",
            "CACHE_URL": cache_url,
            "HEALTH_MIN_FREE_MB": "1",
        }
    )
    (folder / "static").mkdir(parents=True, exist_ok=True)  # WhiteNoise looks
    for name in ("ELASTICSEARCH_URL", "SEARCH_BACKEND"):
        os.environ.pop(name, None)
    import django
    from django.conf import settings

    settings.STORAGES  # noqa: B018 - loads the production settings
    # The manifest storage would need collectstatic first; the pages' cost does
    # not depend on how a static file's name is looked up.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    django.setup()


# Progress ----------------------------------------------------------------------


class Progress:
    """A one-line progress bar (plain lines when the output is not a terminal)."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total, self.done = label, max(total, 1), 0
        self.started = time.perf_counter()
        self.tty = sys.stdout.isatty()
        self.last_printed = -1

    def advance(self, count: int = 1) -> None:
        self.done += count
        percent = min(100, 100 * self.done // self.total)
        if self.tty:
            filled = percent * 30 // 100
            print(
                f"\r  {self.label:<24} [{'#' * filled}{'-' * (30 - filled)}] "
                f"{self.done:>7}/{self.total} {percent:3d}%",
                end="",
                flush=True,
            )
        elif percent // 25 > self.last_printed // 25 or self.done >= self.total:
            self.last_printed = percent
            print(f"  {self.label:<24} {self.done:>7}/{self.total} {percent:3d}%")

    def finish(self) -> None:
        if self.tty:
            print()
        print(f"  {self.label:<24} done in {time.perf_counter() - self.started:.1f} s")


def chunks(items: Sequence, size: int = BATCH) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# Building ------------------------------------------------------------------------


@dataclass
class Built:
    """What the measurements need to find again."""

    plain_url: str = ""
    news_url: str = ""
    big_case_url: str = ""
    busy_update_url: str = ""
    case_index_id: int = 0
    counts: dict = field(default_factory=dict)


class Text:
    """Norwegian-looking text from a fixed vocabulary with Zipf frequencies."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.weights = [1 / (rank + 1) for rank in range(len(WORDS))]

    def words(self, count: int) -> list[str]:
        return self.rng.choices(WORDS, weights=self.weights, k=count)

    def title(self) -> str:
        words = self.words(self.rng.randint(3, 7))
        return " ".join(words).capitalize()

    def sentence(self, count: int = 12) -> str:
        return " ".join(self.words(count)).capitalize() + "."

    def paragraph(self, sentences: int = 4) -> str:
        return " ".join(
            self.sentence(self.rng.randint(8, 16)) for _ in range(sentences)
        )


class Builder:
    """Writes the municipality in bulk, as Wagtail and the services would store it."""

    def __init__(self, size: float, *, seed: int = 2012) -> None:
        self.size = size
        self.counts = scaled(size)
        self.rng = random.Random(seed)
        self.text = Text(self.rng)
        self.now = self._now()
        self.built = Built(counts=self.counts)

    @staticmethod
    def _now() -> datetime.datetime:
        from django.utils import timezone

        return timezone.now()

    def run(self) -> Built:
        from django.core.management import call_command, get_commands

        started = time.perf_counter()
        print(f"Building the municipality at size {self.size}: {self.counts}")
        print("  migrate and seed_demo …")
        call_command("migrate", verbosity=0)
        call_command("seed_demo", verbosity=0, stdout=_Null())
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import Locale, Page

        self.locale_id = Locale.get_default().pk
        self.page_ct = ContentType.objects.get_for_model(Page)
        self.people()
        self.cases()
        self.news()
        self.restrictions()
        self.dialogue()
        self.subscriptions()
        self.notifications()
        self.activities()
        self.reads()
        self.plain_page()
        print("  search_rebuild …")
        call_command("search_rebuild", stdout=_Null())
        if "case_facts_recount" in get_commands():
            print("  case_facts_recount …")
            call_command("case_facts_recount", stdout=_Null())
        self.analyze()
        print(f"Built in {time.perf_counter() - started:.0f} s")
        return self.built

    # People and units

    def people(self) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.hashers import make_password
        from django.contrib.auth.models import Group

        from intranet.core.models import StaffProfile, Topic, Unit
        from intranet.core.roles import COMMUNICATION, EDITORS, STAFF
        from intranet.core.text import slugify_nb
        from intranet.demo.steps.people import DEMO_PASSWORD

        User = get_user_model()
        sectors = list(Unit.objects.filter(parent__isnull=True))
        for index in range(len(sectors), self.counts["sectors"]):
            name = SECTOR_NAMES[index % len(SECTOR_NAMES)]
            sectors.append(
                Unit.objects.create(name=name, slug=f"{slugify_nb(name)}-{index}")
            )
        existing = Unit.objects.filter(parent__isnull=False).count()
        units = [
            Unit(
                name=f"{self.text.title()[:60]} {index}",
                slug=f"enhet-{index}",
                parent=sectors[index % len(sectors)],
                description=self.text.sentence(),
            )
            for index in range(existing, self.counts["units"])
        ]
        Unit.objects.bulk_create(units)
        self.units = list(Unit.objects.filter(parent__isnull=False))
        for index in range(20):
            Topic.objects.get_or_create(
                slug=f"skala-emne-{index}",
                defaults={"name": f"{self.text.title()[:60]} ({index})"},
            )
        self.topics = list(Topic.objects.all())

        password = make_password(DEMO_PASSWORD)
        start = User.objects.count()
        progress = Progress("people", self.counts["people"] - start)
        new_users = []
        for index in range(start, self.counts["people"]):
            first = self.rng.choice(FIRST_NAMES)
            last = self.rng.choice(LAST_NAMES)
            new_users.append(
                User(
                    username=f"ansatt{index}",
                    first_name=first,
                    last_name=last,
                    email=f"ansatt{index}@kommune.invalid",
                    password=password,
                )
            )
        for batch in chunks(new_users):
            User.objects.bulk_create(batch)
            progress.advance(len(batch))
        progress.finish()
        new_users = list(User.objects.filter(username__startswith="ansatt"))
        StaffProfile.objects.bulk_create(
            [
                StaffProfile(
                    user=user,
                    unit=self.rng.choice(self.units),
                    job_title=self.rng.choice(["Rådgiver", "Konsulent", "Leder"]),
                )
                for user in new_users
            ],
            ignore_conflicts=True,
        )
        groups = {group.name: group for group in Group.objects.all()}
        Membership = User.groups.through
        memberships = [Membership(user=user, group=groups[STAFF]) for user in new_users]
        for user in new_users[::100]:
            memberships.append(Membership(user=user, group=groups[EDITORS]))
        for user in new_users[50::100]:
            memberships.append(Membership(user=user, group=groups[COMMUNICATION]))
        Membership.objects.bulk_create(memberships, ignore_conflicts=True)
        self.users = list(User.objects.order_by("pk"))
        self.person = User.objects.get(username=PERSON)
        self.communicator = User.objects.get(username=COMMUNICATOR)
        self.communication_group = groups[COMMUNICATION]
        self.unit_of = dict(
            StaffProfile.objects.values_list("user_id", "unit_id").order_by()
        )

    # Pages

    def _place(self, parent, pages: list) -> None:
        """Make `pages` (unsaved instances of one page model) the last children
        of `parent` in the tree: path, depth, URL path; the parent's numchild."""
        from django.contrib.contenttypes.models import ContentType
        from django.db.models import F
        from wagtail.models import Page

        if not pages:
            return
        content_type = ContentType.objects.get_for_model(type(pages[0]))
        if parent.numchild:
            last = Page.objects.get(pk=parent.pk).get_last_child()
            step = Page._str2int(last.path[-Page.steplen :])
        else:
            step = 0
        for page in pages:
            step += 1
            page.path = Page._get_path(parent.path, parent.depth + 1, step)
            page.depth = parent.depth + 1
            page.numchild = 0
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.content_type = content_type
            page.locale_id = self.locale_id
            page.draft_title = page.title
            page.live = True
            page.has_unpublished_changes = False
            page.last_published_at = page.first_published_at
            page.latest_revision_created_at = page.first_published_at
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
        parent.numchild += len(pages)

    def _insert(self, pages: list, *, progress: Progress) -> None:
        """Write placed pages of one model in batches, each with a revision as
        its latest and live one and a publish log entry."""
        from django.db import connection
        from wagtail.models import Page, PageLogEntry, Revision

        model = type(pages[0])
        content_type = pages[0].content_type
        local_fields = model._meta.local_concrete_fields
        for batch in chunks(pages):
            # Django's bulk_create refuses multi-table models: the page rows
            # first (ids come back), then the model's own table.
            Page.objects.bulk_create(batch)
            for page in batch:
                page.page_ptr_id = page.id
            model._base_manager._insert(batch, fields=local_fields, using="default")
            self._after_insert(batch)
            revisions = Revision.objects.bulk_create(
                [
                    Revision(
                        content_type_id=content_type.pk,
                        base_content_type_id=self.page_ct.pk,
                        object_id=str(page.pk),
                        created_at=page.first_published_at,
                        user_id=page.owner_id,
                        object_str=page.title,
                        content=page.serializable_data(),
                    )
                    for page in batch
                ]
            )
            PageLogEntry.objects.bulk_create(
                [
                    PageLogEntry(
                        content_type_id=content_type.pk,
                        page_id=page.pk,
                        label=page.title,
                        action="wagtail.publish",
                        timestamp=page.first_published_at,
                        user_id=page.owner_id,
                        revision=revision,
                        content_changed=True,
                    )
                    for page, revision in zip(batch, revisions, strict=True)
                ]
            )
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE wagtailcore_page AS p SET latest_revision_id = r.id, "
                    "live_revision_id = r.id FROM wagtailcore_revision AS r "
                    "WHERE r.base_content_type_id = %s AND r.object_id = p.id::text "
                    "AND p.id = ANY(%s)",
                    [self.page_ct.pk, [page.pk for page in batch]],
                )
            progress.advance(len(batch))

    def _after_insert(self, batch) -> None:
        """Rows that hang off the pages: owners, topics, tags. They are also set
        on the objects in memory, where the revision's content is read from (a
        child relation not set there would cost a query per page)."""
        from modelcluster.models import get_all_child_relations

        from cases.models import CaseOwner, CasePage
        from intranet.core.models import StoryTag

        model = type(batch[0])
        relations = [rel.get_accessor_name() for rel in get_all_child_relations(model)]
        topic_rows, tag_rows = [], []
        for page in batch:
            for name in relations:
                setattr(page, name, [])
            chosen = page._scale_topics
            page.topics.set(chosen)
            topic_rows += [
                model.topics.through(
                    **{f"{model._meta.model_name}_id": page.pk}, topic=t
                )
                for t in chosen
            ]
            tags = [
                StoryTag(content_object_id=page.pk, tag_id=tag_id)
                for tag_id in page._scale_tags
            ]
            tag_rows += tags
            page.story_tags = tags
        model.topics.through.objects.bulk_create(topic_rows)
        StoryTag.objects.bulk_create(tag_rows)
        if model is CasePage:
            owners = []
            for page in batch:
                page_owners = [
                    CaseOwner(case_id=page.pk, user_id=user_id, sort_order=position)
                    for position, user_id in enumerate(page._scale_owners)
                ]
                owners += page_owners
                page.case_owners = page_owners
            CaseOwner.objects.bulk_create(owners)

    def _story_fields(self, unit) -> dict:
        from wagtail.rich_text import RichText

        themes = []
        if self.rng.random() < 0.05:
            themes = [self.rng.choice(["innovation", "competence"])]
        return {
            "intro": self.text.sentence(14)[:400],
            "body": [("paragraph", RichText(f"<p>{self.text.paragraph()}</p>"))],
            "unit": unit,
            "positioning_themes": themes,
            "nomination_text": self.text.sentence() if themes else "",
        }

    def _tags(self) -> list[int]:
        if not hasattr(self, "tag_ids"):
            from taggit.models import Tag

            names = [f"{word}-tag" for word in WORDS[:60]]
            Tag.objects.bulk_create(
                [Tag(name=name, slug=name) for name in names], ignore_conflicts=True
            )
            self.tag_ids = list(
                Tag.objects.filter(name__in=names).values_list("pk", flat=True)
            )
        return self.rng.sample(self.tag_ids, self.rng.randint(0, 2))

    def _past(self, *, days: int = 5 * 365) -> datetime.datetime:
        return self.now - datetime.timedelta(
            days=self.rng.randint(1, days), minutes=self.rng.randint(0, 600)
        )

    def cases(self) -> None:
        from wagtail.rich_text import RichText

        from cases.models import CaseIndexPage, CasePage, CaseStatus, CaseUpdatePage

        index = CaseIndexPage.objects.get()
        self.built.case_index_id = index.pk
        self.case_index = index
        already_mine = CasePage.objects.filter(case_owners__user=self.person).count()
        cases = []
        staff = [user.pk for user in self.users]
        for number in range(self.counts["cases"]):
            unit = self.rng.choice(self.units)
            owners = self.rng.sample(staff, self.rng.randint(1, 3))
            if number < MY_CASES - already_mine:
                owners = [self.person.pk, *[o for o in owners if o != self.person.pk]]
            started = self._past(days=4 * 365)
            title = f"{self.text.title()[:120]} {number}"
            case = CasePage(
                title=title,
                slug=BIG_CASE_SLUG if number == 0 else f"skala-sak-{number}",
                owner_id=owners[0],
                first_published_at=started,
                summary=self.text.sentence(20)[:600],
                unit=unit,
                status=self.rng.choice(CaseStatus.values),
                start_date=started.date(),
                expected_end_date=started.date()
                + datetime.timedelta(days=self.rng.randint(30, 900)),
                body=[("paragraph", RichText(f"<p>{self.text.paragraph()}</p>"))],
                communication_need=self.rng.choice(["none", "low"]),
                communication_audiences=["staff"],
                communication_channels=["intranet"],
                communication_key_messages=self.text.sentence(),
            )
            case._scale_owners = owners
            case._scale_topics = self.rng.sample(self.topics, self.rng.randint(0, 2))
            case._scale_tags = self._tags()
            cases.append(case)
        self.new_cases = cases
        progress = Progress("cases", len(cases))
        self._place(index, cases)
        self._insert(cases, progress=progress)
        progress.finish()

        # The big case has exactly 60 updates; the rest are spread unevenly.
        remaining = self.counts["updates"] - BIG_CASE_UPDATES
        per_case = {cases[0].pk: BIG_CASE_UPDATES}
        others = cases[1:]
        weights = [1 / (rank + 1) ** 0.5 for rank in range(len(others))]
        self.rng.shuffle(weights)
        for case in self.rng.choices(others, weights=weights, k=remaining):
            per_case[case.pk] = per_case.get(case.pk, 0) + 1
        progress = Progress("case updates", self.counts["updates"])
        self.updates = []
        by_pk = {case.pk: case for case in cases}
        for case_pk, count in per_case.items():
            case = by_pk[case_pk]
            updates = []
            for number in range(count):
                published = case.first_published_at + (
                    self.now - case.first_published_at
                ) * ((number + self.rng.random()) / count)
                update = CaseUpdatePage(
                    title=f"{self.text.title()[:120]}",
                    slug=f"oppdatering-{number}",
                    owner_id=self.rng.choice(case._scale_owners),
                    first_published_at=published,
                    publication_date=published,
                    **self._story_fields(case.unit),
                )
                update._scale_topics = case._scale_topics
                update._scale_case = case.pk
                update._scale_tags = self._tags()
                updates.append(update)
            self._place(case, updates)
            self.updates += updates
        self._insert(self.updates, progress=progress)
        progress.finish()
        # The busy update is in one of the person's cases, never restricted.
        mine = {case.pk for case in cases[1:MY_CASES]}
        busy = max(
            (u for u in self.updates if u._scale_case in mine),
            key=lambda u: u.publication_date,
        )
        CaseUpdatePage.objects.filter(pk=busy.pk).update(slug=BUSY_UPDATE_SLUG)
        self.busy_update_id = busy.pk
        busy_url = CaseUpdatePage.objects.get(pk=busy.pk)
        busy_url.set_url_path(busy_url.get_parent())
        CaseUpdatePage.objects.filter(pk=busy.pk).update(url_path=busy_url.url_path)
        self.built.big_case_url = cases[0].url_path
        self.built.busy_update_url = busy_url.url_path

    def news(self) -> None:
        from news.models import NewsIndexPage, NewsPage

        index = NewsIndexPage.objects.get()
        articles = []
        rare = set(self.rng.sample(range(self.counts["news"]), 20))
        for number in range(self.counts["news"]):
            published = self._past()
            unit = self.rng.choice(self.units)
            fields = self._story_fields(unit)
            if number in rare:
                fields["intro"] = f"{fields['intro'][:300]} {RARE_WORD}."
            article = NewsPage(
                title=f"{self.text.title()[:120]} {number}",
                slug=NEWS_SLUG if number == 0 else f"skala-nyhet-{number}",
                owner_id=self.rng.choice(self.users).pk,
                first_published_at=published,
                date=published.date(),
                related_case_id=(
                    self.rng.choice(self.new_cases).pk
                    if self.rng.random() < 0.3
                    else None
                ),
                **fields,
            )
            article._scale_topics = self.rng.sample(self.topics, self.rng.randint(0, 2))
            article._scale_tags = self._tags()
            articles.append(article)
        # The measured article is recent, so the front page and listing show it.
        articles[0].first_published_at = self.now - datetime.timedelta(hours=2)
        articles[0].date = articles[0].first_published_at.date()
        progress = Progress("news", len(articles))
        self._place(index, articles)
        self._insert(articles, progress=progress)
        progress.finish()
        self.articles = articles
        self.built.news_url = articles[0].url_path

    def restrictions(self) -> None:
        """A few cases (and so their updates) only the communication team reads."""
        from wagtail.models import PageViewRestriction

        chosen = [
            case
            for case in self.new_cases[MY_CASES + 1 :]
            if self.rng.random() < RESTRICTED_SHARE
        ]
        restrictions = PageViewRestriction.objects.bulk_create(
            [
                PageViewRestriction(page_id=case.pk, restriction_type="groups")
                for case in chosen
            ]
        )
        Through = PageViewRestriction.groups.through
        Through.objects.bulk_create(
            [
                Through(
                    pageviewrestriction_id=restriction.pk,
                    group_id=self.communication_group.pk,
                )
                for restriction in restrictions
            ]
        )

    def dialogue(self) -> None:
        from intranet.dialogue.models import Comment, Reaction

        stories = [*self.articles, *self.updates]
        user_ids = [user.pk for user in self.users]
        comments = [
            Comment(
                page_id=self.busy_update_id,
                author_id=self.rng.choice(user_ids),
                text=self.text.sentence(self.rng.randint(5, 30)),
                created_at=self.now - datetime.timedelta(minutes=5 * (80 - number)),
            )
            for number in range(BUSY_UPDATE_COMMENTS)
        ]
        for _number in range(self.counts["comments"] - BUSY_UPDATE_COMMENTS):
            story = self.rng.choice(stories)
            comments.append(
                Comment(
                    page_id=story.pk,
                    author_id=self.rng.choice(user_ids),
                    text=self.text.sentence(self.rng.randint(5, 30)),
                    created_at=story.first_published_at
                    + datetime.timedelta(hours=self.rng.randint(1, 200)),
                )
            )
        progress = Progress("comments", len(comments))
        for batch in chunks(comments, 5000):
            Comment.objects.bulk_create(batch)
            progress.advance(len(batch))
        progress.finish()
        # A few replies, one level deep, as people answer each other.
        replies = []
        for parent in self.rng.sample(comments, len(comments) // 10):
            replies.append(
                Comment(
                    page_id=parent.page_id,
                    parent_id=parent.pk,
                    author_id=self.rng.choice(user_ids),
                    text=self.text.sentence(),
                    created_at=parent.created_at + datetime.timedelta(minutes=30),
                )
            )
        Comment.objects.bulk_create(replies, batch_size=5000)

        kinds = ["like", "useful", "congrats"]
        seen: set[tuple[int, int, str]] = set()
        target = self.counts["reactions"]
        progress = Progress("reactions", target)
        weights = [1 / (rank + 1) ** 0.7 for rank in range(len(stories))]
        while len(seen) < target:
            pages = self.rng.choices(stories, weights=weights, k=min(20000, target))
            fresh = []
            for page in pages:
                key = (page.pk, self.rng.choice(user_ids), self.rng.choice(kinds))
                if key not in seen and len(seen) < target:
                    seen.add(key)
                    fresh.append(Reaction(page_id=key[0], user_id=key[1], kind=key[2]))
            Reaction.objects.bulk_create(fresh, batch_size=5000)
            progress.advance(len(fresh))
        progress.finish()

    def subscriptions(self) -> None:
        from intranet.subscriptions.models import Subscription, SubscriptionFilter
        from intranet.subscriptions.services import _store_query, filter_values
        from search.query import SearchQuery

        units = {unit.pk: unit for unit in self.units}
        subscriptions, seen = [], set()
        target = self.counts["subscriptions"]
        while len(subscriptions) < target:
            user = self.rng.choice(self.users)
            kind = self.rng.random()
            if kind < 0.35 and self.unit_of.get(user.pk) in units:
                unit = units[self.unit_of[user.pk]]
                query, name = SearchQuery(units=(unit.slug,)), unit.name
            elif kind < 0.65:
                topic = self.rng.choice(self.topics)
                query, name = SearchQuery(topics=(topic.slug,)), topic.name
            elif kind < 0.85:
                case = self.rng.choice(self.new_cases)
                query, name = SearchQuery(case=case.pk), case.title
            else:
                words = " ".join(self.text.words(self.rng.randint(1, 2)))
                query, name = SearchQuery(text=words), words
            query = query.replace(page=1, sort="newest")
            key = (user.pk, json.dumps(query.to_json(), sort_keys=True))
            if key in seen:
                continue
            seen.add(key)
            subscription = Subscription(
                user=user,
                name=name[:200],
                delivery=self.rng.choice(["inbox", "inbox", "daily", "weekly"]),
            )
            _store_query(subscription, query)
            subscription._scale_query = query
            subscriptions.append(subscription)
        progress = Progress("subscriptions", target)
        for batch in chunks(subscriptions, 2000):
            Subscription.objects.bulk_create(batch)
            SubscriptionFilter.objects.bulk_create(
                [
                    SubscriptionFilter(subscription=s, kind=kind, value=value)
                    for s in batch
                    for kind, value in dict.fromkeys(filter_values(s._scale_query))
                ]
            )
            progress.advance(len(batch))
        progress.finish()
        self.subscription_ids = {}
        for pk, user_id in Subscription.objects.values_list("pk", "user_id"):
            self.subscription_ids.setdefault(user_id, []).append(pk)

    def notifications(self) -> None:
        from intranet.subscriptions.models import Notification

        stories = [*self.articles, *self.updates]
        target = self.counts["notifications"]
        seen: set[tuple[int, int]] = set()
        progress = Progress("notifications", target)
        users = self.users
        person_share = max(1, target // len(users))
        batch: list[Notification] = []
        made = 0
        while made < target:
            user = self.person if made < person_share else self.rng.choice(users)
            page = self.rng.choice(stories)
            if (user.pk, page.pk) in seen:
                continue
            seen.add((user.pk, page.pk))
            created = max(page.first_published_at, self.now - datetime.timedelta(400))
            old = created < self.now - datetime.timedelta(days=14)
            batch.append(
                Notification(
                    user_id=user.pk,
                    page_id=page.pk,
                    kind="match",
                    subscription_id=self.rng.choice(
                        self.subscription_ids.get(user.pk, [None])
                    ),
                    delivery=self.rng.choice(["inbox", "inbox", "daily", "immediate"]),
                    title=page.title,
                    url=page.url_path,
                    intro=page.intro,
                    content_type="news"
                    if page.__class__.__name__ == "NewsPage"
                    else "case_update",
                    read_at=created if old or self.rng.random() < 0.5 else None,
                    emailed_at=created,
                )
            )
            made += 1
            if len(batch) >= 5000:
                self._insert_notifications(batch, progress)
        self._insert_notifications(batch, progress)
        progress.finish()

    @staticmethod
    def _insert_notifications(batch: list, progress: Progress) -> None:
        from intranet.subscriptions.models import Notification

        if batch:
            # created_at is auto_now_add; spread it afterwards would cost an
            # update per row, and the inbox sorts by it only within a person.
            Notification.objects.bulk_create(batch)
            progress.advance(len(batch))
            batch.clear()

    def activities(self) -> None:
        from intranet.planning.models import CommunicationActivity

        today = self.now.date()
        activities = []
        for _number in range(self.counts["activities"]):
            start = today + datetime.timedelta(days=self.rng.randint(-540, 365))
            end = start + datetime.timedelta(days=self.rng.choice([0, 0, 0, 1, 6, 13]))
            status = "planned"
            if end < today:
                status = self.rng.choice(
                    ["done", "done", "done", "planned", "cancelled"]
                )
            activity = CommunicationActivity(
                title=self.text.title()[:200],
                description=self.text.sentence(20),
                start_date=start,
                end_date=end,
                unit=self.rng.choice(self.units),
                case_id=(
                    self.rng.choice(self.new_cases).pk
                    if self.rng.random() < 0.3
                    else None
                ),
                audiences=["staff"],
                channels=[self.rng.choice(["intranet", "website", "meeting"])],
                status=status,
                created_by=self.rng.choice(self.users),
            )
            activities.append(activity)
        progress = Progress("activities", len(activities))
        Owners = CommunicationActivity.owners.through
        for batch in chunks(activities, 2000):
            CommunicationActivity.objects.bulk_create(batch)
            Owners.objects.bulk_create(
                [
                    Owners(communicationactivity_id=activity.pk, user_id=user.pk)
                    for activity in batch
                    for user in self.rng.sample(self.users, self.rng.randint(1, 2))
                ],
                ignore_conflicts=True,
            )
            progress.advance(len(batch))
        progress.finish()

    def reads(self) -> None:
        """Readers per story and day for the insights dashboard."""
        from intranet.insights.models import StoryReadDay

        stories = [*self.articles, *self.updates]
        rows, seen = [], set()
        while len(rows) < self.counts["read_days"]:
            story = self.rng.choice(stories)
            day = (
                story.first_published_at + datetime.timedelta(self.rng.randint(0, 6))
            ).date()
            if (story.pk, day) in seen or day > self.now.date():
                continue
            seen.add((story.pk, day))
            rows.append(
                StoryReadDay(page_id=story.pk, day=day, readers=self.rng.randint(1, 80))
            )
        StoryReadDay.objects.bulk_create(rows, batch_size=5000)

    def plain_page(self) -> None:
        """The baseline: a bare Wagtail page under the front page."""
        from wagtail.models import Page, Site

        home = Site.objects.get(is_default_site=True).root_page
        page = home.add_child(instance=Page(title="Enkel side", slug=PLAIN_SLUG))
        page.save_revision().publish()
        self.built.plain_url = page.url_path

    def analyze(self) -> None:
        from django.db import connection

        print("  VACUUM ANALYZE …")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


class _Null:
    def write(self, *args) -> None:
        pass

    def flush(self) -> None:
        pass


def built_from_database() -> Built:
    """The measured pages of a database built earlier."""
    from wagtail.models import Page, Site

    from cases.models import CaseIndexPage

    def url(slug: str) -> str:
        return Page.objects.get(slug=slug).url_path

    return (
        Built(
            plain_url=url(PLAIN_SLUG),
            news_url=url(NEWS_SLUG),
            big_case_url=url(BIG_CASE_SLUG),
            busy_update_url=url(BUSY_UPDATE_SLUG),
            case_index_id=CaseIndexPage.objects.get().pk,
        )
        if Site.objects.exists()
        else Built()
    )


# Measuring -----------------------------------------------------------------------


@dataclass
class Probe:
    label: str
    client: str  # "person" or "communicator"
    path: str
    before: Callable[[], None] | None = None
    times: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    status: int = 0
    # The phase it was measured in; the bare page's times in each phase.
    phase: int = 0
    phase_times: dict[int, list[float]] = field(default_factory=dict)


def site_path(url_path: str) -> str:
    """A page's URL from its url_path (the site root's own segment dropped)."""
    from wagtail.models import Site

    root = Site.objects.get(is_default_site=True).root_page.url_path
    return "/" + url_path.removeprefix(root)


def probes(built: Built) -> list[Probe]:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from cases.models import CASES_SCOPE
    from intranet.core.models import POSITIONING_SCOPE
    from intranet.core.services import content_version_bump
    from intranet.planning.models import PLAN_SCOPE
    from intranet.subscriptions.models import FeedToken
    from intranet.subscriptions.services import feed_token_regenerate
    from news.models import NEWS_SCOPE

    person = get_user_model().objects.get(username=PERSON)
    token = FeedToken.objects.filter(user=person).first() or feed_token_regenerate(
        user=person
    )
    today = timezone.localdate()
    case_index = "/saker/"
    return [
        Probe("bare Wagtail page (baseline)", "person", site_path(built.plain_url)),
        Probe("/ front page, cached", "person", "/"),
        # What a publish moves (core.signal_handlers.content_changed): an
        # ordinary update or article its kind's scope, a story shown as an
        # example the positioning stories' too; a plan activity the plan's;
        # anything else (a unit, a restriction, another page) everything.
        Probe(
            "/ right after an update is published",
            "person",
            "/",
            before=partial(content_version_bump, scopes=[CASES_SCOPE]),
        ),
        Probe(
            "/ right after an article is published",
            "person",
            "/",
            before=partial(content_version_bump, scopes=[NEWS_SCOPE]),
        ),
        Probe(
            "/ right after an example story is published",
            "person",
            "/",
            before=partial(
                content_version_bump, scopes=[CASES_SCOPE, POSITIONING_SCOPE]
            ),
        ),
        Probe(
            "/ right after a plan activity is saved",
            "person",
            "/",
            before=partial(content_version_bump, scopes=[PLAN_SCOPE]),
        ),
        Probe(
            "/ right after any other change",
            "person",
            "/",
            before=content_version_bump,
        ),
        Probe(
            "/saker/ right after an update is published",
            "person",
            case_index,
            before=partial(content_version_bump, scopes=[CASES_SCOPE]),
        ),
        Probe(
            "/saker/ right after any other change",
            "person",
            case_index,
            before=content_version_bump,
        ),
        # A broad search is kept until the content or the index changes
        # (search/backends/kept.py): the first one after a publish asks the index.
        Probe(
            "/sok/?q=skole (broad) right after an update is published",
            "person",
            "/sok/?q=skole",
            before=partial(content_version_bump, scopes=[CASES_SCOPE]),
        ),
        Probe("/nyheter/ news listing", "person", "/nyheter/"),
        Probe("news article", "person", site_path(built.news_url)),
        Probe("/saker/ case list", "person", case_index),
        Probe(
            "/saker/ filtered",
            "person",
            f"{case_index}?status=ongoing&topic=skala-emne-1&q=skole",
        ),
        Probe("case with 60 updates", "person", site_path(built.big_case_url)),
        Probe("update with 80 comments", "person", site_path(built.busy_update_url)),
        Probe("/mine-saker/ (20 cases)", "person", "/mine-saker/"),
        Probe("/sok/?q=skole (broad)", "person", "/sok/?q=skole"),
        Probe(f"/sok/?q={RARE_WORD} (narrow)", "person", f"/sok/?q={RARE_WORD}"),
        Probe("/sok/?topic= (facets only)", "person", "/sok/?topic=skala-emne-1"),
        Probe("/varsler/ inbox", "person", "/varsler/"),
        Probe("/abonnementer/", "person", "/abonnementer/"),
        Probe("personal feed", "person", f"/abonnementer/feed/{token.token}/"),
        Probe("/arshjul/ year", "person", f"/arshjul/{today.year}/"),
        Probe("/arshjul/ month", "person", f"/arshjul/{today.year}/{today.month}/"),
        Probe("/arshjul/agenda/", "person", "/arshjul/agenda/"),
        Probe("/admin/innsikt/ insights", "communicator", "/admin/innsikt/"),
        Probe("/admin/ dashboard, staff", "person", "/admin/"),
        Probe("/admin/ dashboard, comms", "communicator", "/admin/"),
        Probe(
            "admin explorer: case list",
            "communicator",
            f"/admin/pages/{built.case_index_id}/",
        ),
    ]


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_pages(built: Built, *, rounds: int, warmup: int, only: str) -> list[Probe]:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    User = get_user_model()
    clients = {}
    for name, username in (("person", PERSON), ("communicator", COMMUNICATOR)):
        client = Client()
        client.force_login(User.objects.get(username=username))
        clients[name] = client
    selected = [
        probe
        for index, probe in enumerate(probes(built))
        if index == 0 or not only or only in probe.label
    ]
    counter = {"n": 0}

    def count(execute, sql, params, many, context):
        counter["n"] += 1
        return execute(sql, params, many, context)

    # Two phases, each in interleaved rounds with the bare page: first every
    # page as people meet it most of the time (no content change between the
    # rounds), then the pages measured right after a publish. A publish moves
    # the content version for everyone, so measuring those in the same rounds
    # would make every page after them in a round a first view after a publish.
    bare, *pages = selected
    phases = [
        [bare, *(probe for probe in pages if probe.before is None)],
        [bare, *(probe for probe in pages if probe.before is not None)],
    ]
    phases = [phase for phase in phases if len(phase) > 1] or [[bare]]
    print(
        f"Measuring {len(selected)} pages in {len(phases)} phases: "
        f"{warmup} warm-up and {rounds} rounds each"
    )
    for phase_number, phase in enumerate(phases):
        for probe in phase:
            probe.phase = phase_number
        progress = Progress("rounds", warmup + rounds)
        for round_number in range(warmup + rounds):
            for probe in phase:
                if probe.before:
                    # The page as people saw it just before (the probes before
                    # this one in the round moved other parts), then the change.
                    clients[probe.client].get(probe.path)
                    probe.before()
                counter["n"] = 0
                with connection.execute_wrapper(count):
                    started = time.perf_counter()
                    response = clients[probe.client].get(probe.path)
                    elapsed = time.perf_counter() - started
                probe.status = response.status_code
                if response.status_code != 200:
                    raise SystemExit(
                        f"{probe.label}: {probe.path} answered {response.status_code}"
                    )
                if round_number >= warmup:
                    probe.times.append(elapsed * 1000)
                    probe.queries.append(counter["n"])
                    probe.phase_times.setdefault(phase_number, []).append(
                        elapsed * 1000
                    )
            progress.advance()
        progress.finish()
    return selected


def measure_publishing(*, rounds: int) -> dict[str, dict]:
    """Publish a changed case, and publish a new update on a popular unit."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from cases.models import CasePage
    from cases.services import case_publish, case_update_create
    from intranet.subscriptions.models import Subscription

    person = get_user_model().objects.get(username=PERSON)
    case = (
        CasePage.objects.live()
        .filter(case_owners__user=person, slug__startswith="skala-sak-")
        .order_by("pk")
        .first()
    )
    popular_unit = (
        Subscription.objects.filter(filters__kind="unit")
        .values_list("filters__value", flat=True)
        .order_by()
        .first()
    )
    from intranet.core.models import Unit

    unit = Unit.objects.filter(slug=popular_unit).first()
    results: dict[str, dict] = {"publish a case": {}, "publish an update": {}}
    times: dict[str, list[float]] = {key: [] for key in results}
    queries: dict[str, list[int]] = {key: [] for key in results}
    made = []
    for number in range(rounds):
        case = CasePage.objects.get(pk=case.pk)
        case.summary = f"{case.summary.split(' [')[0]} [runde {number}]"
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            case_publish(case=case, user=person)
            times["publish a case"].append((time.perf_counter() - started) * 1000)
        queries["publish a case"].append(len(captured))

        update = case_update_create(
            case=case,
            title=f"Skalamåling: ny oppdatering {number}",
            intro="En oppdatering om skole og barnehage i kommunen.",
            author=person,
            publication_date=timezone.now(),
            publish=False,
            unit=unit,
        )
        made.append(update)
        revision = update.latest_revision
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            revision.publish(user=person)
            times["publish an update"].append((time.perf_counter() - started) * 1000)
        queries["publish an update"].append(len(captured))
    for update in made:
        update.delete()
    for key in results:
        results[key] = {
            "median_ms": round(statistics.median(times[key]), 1),
            "p95_ms": round(percentile(times[key], 0.95), 1),
            "queries": statistics.median_low(queries[key]),
        }
    return results


def report(probes_done: list[Probe], publishing: dict, *, size: float) -> dict:
    """Each page's median against the bare page's in the same phase: the
    rounds of a phase interleave them, so a machine that runs slower in one
    phase than in the other moves both alike."""
    bare = probes_done[0]
    pages = {}
    for probe in probes_done:
        median = statistics.median(probe.times)
        same_phase = (
            bare.times if probe is bare else bare.phase_times.get(probe.phase)
        ) or bare.times
        pages[probe.label] = {
            "path": probe.path,
            "median_ms": round(median, 1),
            "p95_ms": round(percentile(probe.times, 0.95), 1),
            "ratio": round(median / statistics.median(same_phase), 1),
            "bare_ms": round(statistics.median(same_phase), 1),
            "queries": statistics.median_low(probe.queries),
        }
    return {"size": size, "pages": pages, "publishing": publishing}


def print_table(result: dict) -> None:
    print(
        f"\nSize {result['size']} — {result.get('machine', '')}\n"
        f"| page | median ms | p95 ms | × bare page | queries |\n"
        f"|---|---:|---:|---:|---:|"
    )
    for label, row in result["pages"].items():
        print(
            f"| {label} | {row['median_ms']:.1f} | {row['p95_ms']:.1f} | "
            f"{row['ratio']:.1f} | {row['queries']} |"
        )
    for label, row in result["publishing"].items():
        print(
            f"| {label} | {row['median_ms']:.1f} | {row['p95_ms']:.1f} | – | "
            f"{row['queries']} |"
        )


def compare(small_path: str, big_path: str) -> None:
    small = json.loads(Path(small_path).read_text())
    big = json.loads(Path(big_path).read_text())
    scale = math.log(big["size"] / small["size"])
    print(
        f"Growth from size {small['size']} to {big['size']}: exponent "
        "log(t_big / t_small) / log(size_big / size_small); 0 means the page does "
        "not grow with the municipality, 1 that it grows in proportion.\n"
        f"| page | ms at {small['size']} | ms at {big['size']} | exponent | "
        f"exponent of × bare page | queries at {small['size']} / {big['size']} |\n"
        "|---|---:|---:|---:|---:|---:|"
    )
    rows = {**small["pages"], **small["publishing"]}
    bigs = {**big["pages"], **big["publishing"]}
    for label, row in rows.items():
        other = bigs.get(label)
        if other is None:
            continue
        exponent = math.log(other["median_ms"] / row["median_ms"]) / scale
        ratio_exponent = (
            f"{math.log(other['ratio'] / row['ratio']) / scale:+.2f}"
            if "ratio" in row
            else "–"
        )
        print(
            f"| {label} | {row['median_ms']:.1f} | {other['median_ms']:.1f} | "
            f"{exponent:+.2f} | {ratio_exponent} | {row['queries']} / "
            f"{other['queries']} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=float, default=0.3, help="1.0 = 3,000 people")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--publish-rounds", type=int, default=5)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Measure the database of this size from an earlier run (and keep it).",
    )
    parser.add_argument(
        "--keep", action="store_true", help="Keep a newly built database."
    )
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument(
        "--only", default="", help="Only the pages whose label contains this."
    )
    parser.add_argument("--json", help="Write the figures to this file.")
    parser.add_argument(
        "--cache-url",
        default="locmemcache://scale-bench",
        help="CACHE_URL for the measurement (e.g. rediscache://127.0.0.1:6379/3).",
    )
    parser.add_argument(
        "--compare",
        nargs=2,
        metavar=("SMALL.json", "BIG.json"),
        help="Print the growth exponent per page from two result files.",
    )
    args = parser.parse_args()
    if args.compare:
        compare(*args.compare)
        return

    server, name, url = database_url_for(args.size)
    state = database_state(server, name)
    complete = f"scale_bench complete size={args.size}"
    reuse = args.reuse and state == complete
    if not reuse:
        psql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        psql(server, f'CREATE DATABASE "{name}"')
    print(f"Database {name}: {'reused' if reuse else 'new'}")
    folder = Path(tempfile.mkdtemp(prefix="scale-bench-"))
    configure(url, cache_url=args.cache_url, folder=folder)
    try:
        if reuse:
            built = built_from_database()
        else:
            built = Builder(args.size).run()
            psql(server, f"COMMENT ON DATABASE \"{name}\" IS '{complete}'")
        if args.build_only:
            return
        probes_done = measure_pages(
            built, rounds=args.rounds, warmup=args.warmup, only=args.only
        )
        publishing = measure_publishing(rounds=args.publish_rounds)
        result = report(probes_done, publishing, size=args.size)
        result["machine"] = (
            f"Python {platform.python_version()}, {os.cpu_count()} CPUs, load "
            f"{os.getloadavg()[0]:.1f}, PostgreSQL, production settings, "
            f"cache {args.cache_url.split(':')[0]}, {args.rounds} rounds"
        )
        print_table(result)
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=2))
    finally:
        from django.db import connections

        connections.close_all()
        if not (reuse or args.keep):
            psql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
