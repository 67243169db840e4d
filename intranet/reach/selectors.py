"""Reads for must-read stories: who must read one, what a person still has to
read, and how far each unit has come.

The rule every function keeps: a story's audience is the active people it is
addressed to (everyone, or the people whose profile unit is one of the chosen
units or belongs to one of the chosen sectors) *and* who may view the page
under Wagtail's view restrictions. Nobody outside it is asked, told, reminded
or counted. Each read costs a fixed number of queries, whatever the audience's
size.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from wagtail.models import Page, PageViewRestriction

from intranet.core.models import MUST_READ_SCOPE, Unit, story_page_models
from intranet.core.page_access import denied_paths, visible_to
from intranet.core.roles import COMMUNICATION, EDITORS, group_names
from intranet.core.selectors import cached_for_content, reader_units
from intranet.reach.models import Acknowledgement

#: How long after its deadline an unread story stays on the reader's front page.
OVERDUE_SHOWN_DAYS = 30

#: How many must-read stories the front page lists (the rest are counted).
FRONT_PAGE_LIMIT = 5

#: The current must-read stories stay cached this long at most (the content
#: version and the day in their key make them be read again sooner).
CACHE_SECONDS = 60 * 60


def is_must_read(page: Page) -> bool:
    """Whether the (specific) page is a must-read story."""
    return getattr(page, "must_read_until", None) is not None


def _addressed(page: Page) -> Q | None:
    """People the story is addressed to, by unit; None for nobody."""
    if page.must_read_everyone:
        return Q()
    unit_ids = [unit.pk for unit in page.must_read_units.all()]
    if not unit_ids:
        return None
    return Q(profile__unit__in=unit_ids) | Q(profile__unit__parent__in=unit_ids)


def _may_view(page: Page) -> Q | None:
    """People Wagtail's view restrictions on the page and its ancestors let in;
    None for nobody (a password restriction: no one outside the page typed it)."""
    steplen = page.steplen
    paths = [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
    condition = Q()
    restrictions = PageViewRestriction.objects.filter(
        page__path__in=paths
    ).prefetch_related("groups")
    User = get_user_model()
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            return None
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            member = User.groups.through.objects.filter(
                user_id=OuterRef("pk"),
                group_id__in=[group.pk for group in restriction.groups.all()],
            )
            condition &= Q(is_superuser=True) | Q(Exists(member))
    return condition


def audience(*, page: Page) -> QuerySet:
    """The people who must read the (specific, must-read) story."""
    User = get_user_model()
    addressed = _addressed(page) if is_must_read(page) else None
    may_view = _may_view(page) if addressed is not None else None
    if addressed is None or may_view is None or not page.live:
        return User.objects.none()
    return User.objects.filter(addressed, may_view, is_active=True)


def in_audience(*, user, page: Page) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return audience(page=page).filter(pk=user.pk).exists()


def acknowledgement_of(*, user, page: Page) -> Acknowledgement | None:
    if not user.is_authenticated:
        return None
    return Acknowledgement.objects.filter(user=user, page_id=page.pk).first()


def read_condition(page: Page) -> Exists:
    return Exists(
        Acknowledgement.objects.filter(page_id=page.pk, user_id=OuterRef("pk"))
    )


# The front page -------------------------------------------------------------


@dataclass(frozen=True)
class CurrentStory:
    """A live must-read story as the front page needs it (kept in the cache)."""

    page_id: int
    title: str
    url: str
    path: str
    until: datetime.date
    everyone: bool
    unit_ids: frozenset[int]

    def addressed_to(self, units: tuple[int, ...]) -> bool:
        return self.everyone or not self.unit_ids.isdisjoint(units)


def current_stories(*, today: datetime.date) -> list[CurrentStory]:
    """Every live must-read story whose deadline has not long passed, the same
    for everyone: kept in the cache until a story that is or was a must-read
    changes, or anything that names no scope (two queries per kind of story
    when it is read again, none otherwise)."""
    since = today - datetime.timedelta(days=OVERDUE_SHOWN_DAYS)

    def read() -> list[CurrentStory]:
        stories = []
        for model in story_page_models():
            pages = (
                model.objects.live()
                .filter(must_read_until__gte=since)
                .prefetch_related("must_read_units")
            )
            stories += [
                CurrentStory(
                    page_id=page.pk,
                    title=page.title,
                    url=page.url or "",
                    path=page.path,
                    until=page.must_read_until,
                    everyone=page.must_read_everyone,
                    unit_ids=frozenset(unit.pk for unit in page.must_read_units.all()),
                )
                for page in pages
            ]
        return sorted(stories, key=lambda story: (story.until, story.page_id))

    return cached_for_content(
        ["reach-must-read", today.isoformat()],
        read,
        timeout=CACHE_SECONDS,
        scopes=[MUST_READ_SCOPE],
    )


@dataclass(frozen=True)
class MustReadList:
    stories: list[CurrentStory]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.stories)


def must_read_for(
    *, user, today: datetime.date, limit: int = FRONT_PAGE_LIMIT
) -> MustReadList:
    """The live must-read stories addressed to the person that they may view
    and have not confirmed, soonest deadline first (overdue ones for a while).

    The stories come from the cache; the person's unit and view restrictions
    are read once per request anyway (other sections need them), so what this
    adds is one query for the person's confirmations, and only when a story is
    addressed to them."""
    if not user.is_authenticated or not user.is_active:
        return MustReadList(stories=[], total=0)
    stories = current_stories(today=today)
    if not stories:
        return MustReadList(stories=[], total=0)
    units = reader_units(user)
    denied = denied_paths(user)
    addressed = [
        story
        for story in stories
        if story.addressed_to(units)
        and not any(story.path.startswith(path) for path in denied)
    ]
    if addressed:
        confirmed = set(
            Acknowledgement.objects.filter(
                user=user, page_id__in=[story.page_id for story in addressed]
            ).values_list("page_id", flat=True)
        )
        addressed = [story for story in addressed if story.page_id not in confirmed]
    return MustReadList(stories=addressed[:limit], total=len(addressed))


# Completion -----------------------------------------------------------------


def is_communication_team(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or COMMUNICATION in group_names(user)


def may_see_overview(user) -> bool:
    """The communication team and the editors see every current must-read story."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or not group_names(user).isdisjoint(
        (COMMUNICATION, EDITORS)
    )


def led_unit_ids(*, user) -> list[int]:
    """The units the person leads, and the units of the sectors they lead."""
    if not user.is_authenticated:
        return []
    return list(
        Unit.objects.filter(Q(leaders=user) | Q(parent__leaders=user))
        .distinct()
        .values_list("pk", flat=True)
    )


@dataclass(frozen=True)
class CompletionAccess:
    """What a person may see of a story's completion."""

    figures: bool = False  # the totals and the per-unit table
    export: bool = False  # the per-unit table as CSV
    names_in_units: tuple[int, ...] = ()  # the units whose readers they may name

    @property
    def any(self) -> bool:
        return self.figures


def completion_access(*, user, page: Page) -> CompletionAccess:
    """Authors and the communication team see the figures and export them; a
    unit leader whose units are in the audience sees the figures and the
    names of the people in their own units who have not read it."""
    if not user.is_authenticated or not user.is_active or not is_must_read(page):
        return CompletionAccess()
    full = user.pk in page.story_owner_ids() or is_communication_team(user)
    led = led_unit_ids(user=user)
    if led:
        led = list(
            audience(page=page)
            .filter(profile__unit__in=led)
            .values_list("profile__unit", flat=True)
            .distinct()
        )
    if not full and not led:
        return CompletionAccess()
    return CompletionAccess(figures=True, export=full, names_in_units=tuple(led))


@dataclass(frozen=True)
class UnitCompletion:
    unit_id: int | None
    unit: str
    sector: str
    audience: int
    read: int

    @property
    def unread(self) -> int:
        return self.audience - self.read

    @property
    def percent(self) -> int:
        return percent(self.read, self.audience)


@dataclass(frozen=True)
class Completion:
    audience: int
    read: int
    units: list[UnitCompletion] = field(default_factory=list)

    @property
    def unread(self) -> int:
        return self.audience - self.read

    @property
    def percent(self) -> int:
        return percent(self.read, self.audience)


def percent(part: int, whole: int) -> int:
    """A whole percentage, rounded half up (what a person would write down)."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def completion(*, page: Page, no_unit: str = "") -> Completion:
    """Read / in the audience, in total and per unit; the units furthest
    behind first, then by sector and name. One query."""
    rows = (
        audience(page=page)
        .values("profile__unit", "profile__unit__name", "profile__unit__parent__name")
        .annotate(
            audience_count=Count("pk"),
            read_count=Count("pk", filter=Q(read_condition(page))),
        )
        .order_by()
    )
    units = [
        UnitCompletion(
            unit_id=row["profile__unit"],
            unit=row["profile__unit__name"] or no_unit,
            sector=row["profile__unit__parent__name"] or "",
            audience=row["audience_count"],
            read=row["read_count"],
        )
        for row in rows
    ]
    units.sort(
        key=lambda row: (row.read / row.audience, row.sector, row.unit.casefold())
    )
    return Completion(
        audience=sum(row.audience for row in units),
        read=sum(row.read for row in units),
        units=units,
    )


@dataclass(frozen=True)
class UnitUnread:
    unit: str
    people: list[str]


def unread_in_units(*, page: Page, unit_ids: tuple[int, ...]) -> list[UnitUnread]:
    """The names of the people in these units who have not read the story, by
    unit. One query."""
    if not unit_ids:
        return []
    people = (
        audience(page=page)
        .filter(profile__unit__in=unit_ids)
        .exclude(read_condition(page))
        .values_list("profile__unit__name", "first_name", "last_name", "username")
        .order_by("profile__unit__name", "first_name", "last_name", "username")
    )
    by_unit: dict[str, list[str]] = {}
    for unit, first, last, username in people:
        by_unit.setdefault(unit, []).append(f"{first} {last}".strip() or username)
    return [UnitUnread(unit=unit, people=names) for unit, names in by_unit.items()]


# The editors' list ----------------------------------------------------------


@dataclass(frozen=True)
class CurrentItem:
    page: Page
    audience: int
    read: int

    @property
    def percent(self) -> int:
        return percent(self.read, self.audience)


def current_must_read(*, user, today: datetime.date) -> list[CurrentItem]:
    """The live must-read stories whose deadline has not long passed, with
    their completion; for the communication team and editors. Two queries per
    story (the list is short: must-read is rare by design)."""
    visible = visible_to(user)
    since = today - datetime.timedelta(days=OVERDUE_SHOWN_DAYS)
    pages: list[Page] = []
    for model in story_page_models():
        pages += list(
            model.objects.filter(visible, must_read_until__gte=since).prefetch_related(
                "must_read_units"
            )
        )
    pages.sort(key=lambda page: (page.must_read_until, page.pk))
    items = []
    for page in pages:
        figures = audience(page=page).aggregate(
            audience_count=Count("pk"),
            read_count=Count("pk", filter=Q(read_condition(page))),
        )
        items.append(
            CurrentItem(
                page=page,
                audience=figures["audience_count"],
                read=figures["read_count"],
            )
        )
    return items
