"""The case list: 23 cases across the units, with 2–6 updates each.

Content: ``cases.json``. The cases are written in the voice of the
municipality's communication strategy: whoever sits closest to a case informs
about it, examples show innovation and competence, and every case has assessed
its need for communication. A few cases are left stale, a couple are drafts
without an assessment, and some have a high need without a planned measure, so
"my cases" and the communication team's overview have something to show.

Idempotent: cases and updates are looked up by slug before they are made.
Deterministic: each case draws from its own random generator, seeded from the
command's seed and the case's slug.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Site
from wagtail.rich_text import RichText

from cases import services
from cases.models import CaseIndexPage, CasePage, CaseUpdatePage, UnitReview
from intranet.core import services as core_services
from intranet.core.models import Topic, Unit
from intranet.core.text import slugify_nb
from intranet.demo.content import load
from intranet.demo.images import demo_image


@dataclass(frozen=True)
class DemoUpdate:
    title: str
    intro: str
    text: str
    days_ago: int
    theme: str = ""
    nomination: str = ""


@dataclass(frozen=True)
class DemoMeasure:
    title: str
    in_days: int
    channel: str
    audience: str


@dataclass(frozen=True)
class DemoCase:
    title: str
    unit: str
    owners: tuple[str, ...]
    status: str
    summary: str
    topics: tuple[str, ...]
    tags: tuple[str, ...]
    need: str
    audiences: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    key_messages: str = ""
    measures: tuple[DemoMeasure, ...] = ()
    updates: tuple[DemoUpdate, ...] = ()
    started_days_ago: int = 120
    #: None: the case ended a month ago.
    ends_in_days: int | None = 180
    publish: bool = True

    @classmethod
    def from_content(cls, data: dict) -> DemoCase:
        return cls(
            **{
                **data,
                "measures": tuple(
                    DemoMeasure(**item) for item in data.get("measures", [])
                ),
                "updates": tuple(DemoUpdate(**item) for item in data["updates"]),
            }
        )

    @property
    def slug(self) -> str:
        return slugify_nb(self.title)[:80]


def cases() -> list[DemoCase]:
    return [DemoCase.from_content(item) for item in load("cases")["cases"]]


def _case_index() -> CaseIndexPage:
    content = load("cases")["index"]
    index = CaseIndexPage.objects.filter(slug=content["slug"]).first()
    if index is None:
        index = services.case_index_create(
            parent=Site.objects.get(is_default_site=True).root_page.specific,
            title=content["title"],
            slug=content["slug"],
            intro=content["intro"],
        )
    else:
        core_services.role_page_rights_grant(page=index)
    return index


def _image_title(case: DemoCase) -> str:
    return load("cases")["image_title"].format(title=case.title)


def _seed_case(
    spec: DemoCase, *, index: CaseIndexPage, rng: random.Random, people, units, topics
) -> tuple[bool, int]:
    """Create the case and its missing updates; return (case created, updates)."""
    today = timezone.localdate()
    start_date = today - datetime.timedelta(days=spec.started_days_ago)
    owners = [people[username] for username in spec.owners]
    case = CasePage.objects.child_of(index).filter(slug=spec.slug).first()
    created = case is None
    if created:
        case = services.case_create(
            index=index,
            title=spec.title,
            slug=spec.slug,
            owners=owners,
            summary=spec.summary,
            unit=units[spec.unit],
            status=spec.status,
            start_date=start_date,
            expected_end_date=(
                today + datetime.timedelta(days=spec.ends_in_days)
                if spec.ends_in_days is not None
                else today - datetime.timedelta(days=30)
            ),
            topics=[topics[name] for name in spec.topics],
            tags=list(spec.tags),
            communication_need=spec.need,
            communication_audiences=list(spec.audiences),
            communication_channels=list(spec.channels),
            communication_key_messages=spec.key_messages,
            planned_measures=[
                {
                    "title": measure.title,
                    "planned_date": today + datetime.timedelta(days=measure.in_days),
                    "channel": measure.channel,
                    "audience": measure.audience,
                    "sort_order": position,
                }
                for position, measure in enumerate(spec.measures)
            ],
            body=[("paragraph", RichText(f"<p>{spec.summary}</p>"))],
            publish=spec.publish,
        )
        if spec.publish and start_date < today:
            # Shared when it started, so search and the case list date it then.
            started = timezone.make_aware(
                datetime.datetime.combine(start_date, datetime.time(9))
            )
            CasePage.objects.filter(pk=case.pk).update(
                first_published_at=started, last_published_at=started
            )
            # An update behind the services' back: count the case's facts again.
            services.case_facts_refresh_at(case_path=case.path)
    new_updates = 0
    for position, update in enumerate(spec.updates):
        slug = slugify_nb(update.title)[:80]
        # Minutes apart, so same-day updates keep their order.
        minutes = rng.randint(8 * 60, 15 * 60)
        if CaseUpdatePage.objects.child_of(case).filter(slug=slug).exists():
            continue
        extra = {}
        if position == 0:
            extra = {
                "hero_image": demo_image(
                    title=_image_title(spec), rng=rng, topics=spec.topics
                ),
                "hero_image_alt": load("cases")["image_alt"].format(title=spec.title),
            }
        services.case_update_create(
            case=case,
            title=update.title,
            slug=slug,
            intro=update.intro,
            author=owners[position % len(owners)],
            publication_date=(
                timezone.now()
                - datetime.timedelta(days=update.days_ago)
                + datetime.timedelta(minutes=minutes - 12 * 60)
            ),
            body=[("paragraph", RichText(f"<p>{update.text}</p>"))],
            unit=units[spec.unit],
            topics=[topics[name] for name in spec.topics],
            tags=list(spec.tags[:1]),
            positioning_themes=[update.theme] if update.theme else [],
            nomination_text=update.nomination,
            publish=spec.publish,
            **extra,
        )
        new_updates += 1
    return created, new_updates


@transaction.atomic
def seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    """Create the case list and the demo cases with their updates."""
    index = _case_index()
    people = {user.username: user for user in get_user_model().objects.all()}
    units = {unit.name: unit for unit in Unit.objects.all()}
    topics = {topic.name: topic for topic in Topic.objects.all()}
    base = rng.randrange(2**32)
    specs = cases()
    new_cases = new_updates = 0
    for number, spec in enumerate(specs, start=1):
        # Demo content, not security: a seeded generator per case.
        case_rng = random.Random(f"{base}:{spec.slug}")  # noqa: S311
        created, updates = _seed_case(
            spec, index=index, rng=case_rng, people=people, units=units, topics=topics
        )
        new_cases += created
        new_updates += updates
        if number % 5 == 0 or number == len(specs):
            log(f"Cases: {number}/{len(specs)}")
    log(
        f"Cases: {CasePage.objects.count()} ({new_cases} new), "
        f"updates: {CaseUpdatePage.objects.count()} ({new_updates} new)"
    )
    if _seed_review(index=index, people=people, units=units):
        log("Review: one update waits for the unit leader's approval")


def _seed_review(*, index: CaseIndexPage, people, units) -> bool:
    """One unit asks for review before its staff's updates go live, and one
    of its updates waits for the leader (`cases.review`). Added after the
    unit's other demo updates, which stay published. True if the update was
    made now."""
    spec = load("cases")["review"]
    unit = units[spec["unit"]]
    UnitReview.objects.get_or_create(
        unit=unit, defaults={"approved_by": spec["approved_by"]}
    )
    case = CasePage.objects.child_of(index).get(slug=slugify_nb(spec["case"])[:80])
    update = spec["update"]
    slug = slugify_nb(update["title"])[:80]
    if CaseUpdatePage.objects.child_of(case).filter(slug=slug).exists():
        return False
    # Published by its author, it goes to review: the author is not a leader.
    services.case_update_create(
        case=case,
        title=update["title"],
        slug=slug,
        intro=update["intro"],
        author=people[spec["author"]],
        publication_date=timezone.now(),
        body=[("paragraph", RichText(f"<p>{update['text']}</p>"))],
        unit=unit,
        topics=list(case.topics.all()),
        publish=True,
    )
    return True


def reset() -> None:
    """Remove the demo case list with its cases and updates, and their images,
    and the demo's review rule."""
    UnitReview.objects.filter(unit__name=load("cases")["review"]["unit"]).delete()
    for index in CaseIndexPage.objects.filter(slug=load("cases")["index"]["slug"]):
        index.delete()
    Image.objects.filter(title__in=[_image_title(spec) for spec in cases()]).delete()
