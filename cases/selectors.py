"""Reads for cases: the querysets the case list, the case page and "my cases" use.

Each returns everything its page shows in a fixed number of queries, whatever
the number of cases, owners or updates, and reads a bounded number of rows for
a page of a list: lists sort and show the facts stored on each case instead of
reading its updates. What a person is shown passes Wagtail's view restrictions
for that person (`intranet.core.page_access`); lists cached for everyone show
only public pages.

The stored facts of a case (`CasePage.last_update_at`, `update_count`,
`last_activity_at`; see `case_facts`) count only its live updates that carry no
view restriction of their own. Anyone who may see the case may see those, so
the date and the number shown to them, and the case's place in a list ordered
by them, tell nothing about a restricted update: not its existence, nor when it
was published. People who may read a restricted update (its group, the case's
owners) see the same facts as everyone else; they find the update itself on
the case page. A restriction on the case or above it hides the whole case,
facts included, so it does not change what is counted.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce, Length, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction

from cases.communication import AssessmentStatus
from cases.filters import CaseFilters
from cases.models import (
    CASES_SCOPE,
    CaseIndexPage,
    CaseOwner,
    CasePage,
    CasePlannedMeasure,
    CaseStatus,
    CaseUpdatePage,
)
from intranet.core.models import PEOPLE_SCOPE
from intranet.core.page_access import access_key, public, without_hidden
from intranet.core.roles import COMMUNICATION, group_names
from intranet.core.selectors import (
    cache_key,
    cached_for_content,
    content_key,
    for_story_cards,
    scope_version,
    targeted_first,
)
from intranet.core.vocabulary import CommunicationNeed

DEFAULT_STALE_AFTER_DAYS = 60
COUNT_CACHE_SECONDS = 60 * 60


def stale_after_days() -> int:
    """Days without an update before a case counts as stale."""
    return int(getattr(settings, "CASES_STALE_AFTER_DAYS", DEFAULT_STALE_AFTER_DAYS))


@dataclass(frozen=True)
class CaseFacts:
    """What lists show and sort a case by, over the updates that count."""

    last_update_at: datetime.datetime | None
    update_count: int
    last_activity_at: datetime.datetime | None

    @classmethod
    def of(
        cls,
        *,
        last_update_at: datetime.datetime | None,
        update_count: int,
        first_published_at: datetime.datetime | None,
    ) -> CaseFacts:
        # A case is active when it gets an update, or else when it was shared.
        return cls(
            last_update_at=last_update_at,
            update_count=update_count,
            last_activity_at=last_update_at or first_published_at,
        )

    @classmethod
    def stored_on(cls, case: CasePage) -> CaseFacts:
        return cls(
            last_update_at=case.last_update_at,
            update_count=case.update_count,
            last_activity_at=case.last_activity_at,
        )


def counted_updates() -> QuerySet[CaseUpdatePage]:
    """The updates a case's facts count: live, with no view restriction of
    their own (so open to everyone who may see the case)."""
    return CaseUpdatePage.objects.live().exclude(
        Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk")))
    )


def case_facts(*, case: CasePage) -> CaseFacts:
    """The case's facts counted now (one query over its own updates)."""
    totals = (
        counted_updates()
        .child_of(case)
        .aggregate(last=Max("publication_date"), count=Count("pk"))
    )
    return CaseFacts.of(
        last_update_at=totals["last"],
        update_count=totals["count"],
        first_published_at=case.first_published_at,
    )


def case_facts_recounted() -> dict[int, CaseFacts]:
    """Every case's facts counted now, by case id, in two queries."""
    steplen = CasePage.steplen
    per_parent = {
        row["parent"]: row
        for row in counted_updates()
        .filter(depth__gt=1)
        .annotate(parent=Substr("path", 1, Length("path") - steplen))
        .order_by()
        .values("parent")
        .annotate(last=Max("publication_date"), count=Count("pk"))
    }
    facts = {}
    for pk, path, first_published_at in CasePage.objects.values_list(
        "pk", "path", "first_published_at"
    ):
        totals = per_parent.get(path, {})
        facts[pk] = CaseFacts.of(
            last_update_at=totals.get("last"),
            update_count=totals.get("count", 0),
            first_published_at=first_published_at,
        )
    return facts


def _owners_prefetch() -> Prefetch:
    return Prefetch(
        "case_owners",
        queryset=CaseOwner.objects.select_related("user__profile__unit").order_by(
            "sort_order"
        ),
    )


def _most_recently_active_first() -> tuple:
    # The same order as the index on `last_activity_at`, so that a page of a
    # list is read from the index.
    return (F("last_activity_at").desc(nulls_last=True), "title", "pk")


def case_list(
    *, index: CaseIndexPage, filters: CaseFilters, user
) -> QuerySet[CasePage]:
    """Live cases under a case list that the person may see, filtered, most
    recently active first, with their stored facts."""
    cases = without_hidden(
        CasePage.objects.live().child_of(index).defer_streamfields(), user=user
    )
    if filters.q:
        cases = cases.filter(
            Q(title__icontains=filters.q) | Q(summary__icontains=filters.q)
        )
    if filters.unit:
        cases = cases.filter(Q(unit=filters.unit) | Q(unit__parent=filters.unit))
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.topic:
        cases = cases.filter(topics=filters.topic)
    # The owners are loaded for the cards rendered again only (`case_cards_load`).
    return cases.select_related("unit").order_by(*_most_recently_active_first())


#: How long a rendered case card is kept at most.
CARD_CACHE_SECONDS = 60 * 60


def case_card_key(case: CasePage) -> str:
    """The cache key of a case's card in the case list, the same for everyone
    who sees the case (the card holds nothing personal). It names what the
    card shows, so it moves exactly when the card would look different: the
    case published again (title, summary, status, unit, owners), its facts
    (an update published, unpublished, moved or deleted), its address, its
    unit's name, and a person's name (``PEOPLE_SCOPE``: the owners). Other
    changes that name no scope (a view restriction, a picture, a plan
    activity) rebuild the list but keep the cards."""
    return cache_key(
        (
            "cases:card",
            case.pk,
            case.last_published_at.timestamp() if case.last_published_at else "",
            case.last_update_at.timestamp() if case.last_update_at else "",
            case.update_count,
            case.url_path,
            case.unit.name if case.unit_id else "",  # loaded with the list
            get_language(),
            scope_version(PEOPLE_SCOPE),
        )
    )


def case_cards_load(cases: list[CasePage]) -> list[CasePage]:
    """What the cards of `cases` show besides the case and its unit: the
    owners' names, in one query."""
    owners = CaseOwner.objects.select_related("user").order_by("sort_order")
    prefetch_related_objects(cases, Prefetch("case_owners", queryset=owners))
    return cases


def _list_parts(*, index: CaseIndexPage, filters: CaseFilters, user) -> tuple:
    """What the case list depends on besides the content: the view
    restrictions that keep the person out (people who see the same cases
    share it) and the filters."""
    return (
        index.pk,
        access_key(user),
        filters.unit.pk if filters.unit else "",
        filters.status,
        filters.topic.pk if filters.topic else "",
        filters.q,
    )


def case_count(
    cases: QuerySet[CasePage], *, index: CaseIndexPage, filters: CaseFilters, user
) -> int:
    """How many cases `cases` (the `case_list` of these arguments) holds.

    Counting reads every matching case, so the count is cached under the
    content version (a publish, a move or a new restriction changes it) and
    what else the list depends on; only cases and updates, and changes that
    name no scope, move it (a published article does not)."""
    # The type repeats what the model says, for the database: its index on the
    # page type finds the cases without reading their updates' page rows, which
    # the list's conditions on the tree alone would. (The page of the list is
    # better off without it: it walks the index on last activity.)
    return cached_for_content(
        ("cases:count", *_list_parts(index=index, filters=filters, user=user)),
        lambda: cases.type(CasePage).count(),
        timeout=COUNT_CACHE_SECONDS,
        scopes=[CASES_SCOPE],
    )


def case_list_key(
    *, index: CaseIndexPage, filters: CaseFilters, user, page_number: int
) -> str:
    """The cache key of one page of the case list as shown to this person:
    the cards are the same for everyone who sees the same cases, so the
    rendered page is kept until a case or an update changes, a person's name
    (the owners), or anything that names no scope."""
    return content_key(
        (
            "cases:list",
            *_list_parts(index=index, filters=filters, user=user),
            page_number,
        ),
        scopes=[CASES_SCOPE, PEOPLE_SCOPE],
    )


def case_detail_prefetch(*, case: CasePage) -> CasePage:
    """Load the case's owners (with their units), topics and tags in three
    queries. Only for a saved case: a preview keeps its in-memory relations."""
    prefetch_related_objects([case], _owners_prefetch(), "topics", "tags")
    return case


def case_updates(*, case: Page, user) -> QuerySet[CaseUpdatePage]:
    """The live updates of a case that the person may see, newest first;
    archived ones stay findable by search but leave the list."""
    updates = (
        CaseUpdatePage.objects.live()
        .filter(archived_at__isnull=True)
        .child_of(case)
        .defer_streamfields()
    )
    return without_hidden(updates, user=user).order_by("-publication_date", "-pk")


@dataclass(frozen=True)
class CaseOverview:
    """One line of "my cases"."""

    case: CasePage
    last_update_at: datetime.datetime | None
    is_stale: bool
    assessment: AssessmentStatus

    @property
    def assessment_needs_attention(self) -> bool:
        return self.assessment != AssessmentStatus.COMPLETE

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=(self.case.pk,))

    @property
    def new_update_url(self) -> str:
        return reverse("composer:update_new", args=(self.case.pk,))


def _for_overviews(cases: QuerySet[CasePage]) -> QuerySet[CasePage]:
    return (
        cases.annotate(
            has_measures=Exists(CasePlannedMeasure.objects.filter(case=OuterRef("pk")))
        )
        .select_related("unit")
        .defer_streamfields()
    )


def overviews(cases: Iterable[CasePage]) -> list[CaseOverview]:
    """Lines of "my cases" for cases from `cases_owned_by` or
    `cases_needing_measures` (a page of them: no query per case)."""
    stale_before = timezone.now() - datetime.timedelta(days=stale_after_days())
    lines = []
    for case in cases:
        # A case never published is active when it was last edited.
        activity = case.last_activity_at or case.latest_revision_created_at
        lines.append(
            CaseOverview(
                case=case,
                last_update_at=case.last_update_at,
                is_stale=(
                    case.status != CaseStatus.COMPLETED
                    and activity is not None
                    and activity < stale_before
                ),
                assessment=case.communication_assessment_status(
                    has_measures=case.has_measures
                ),
            )
        )
    return lines


def cases_owned_by(*, user) -> QuerySet[CasePage]:
    """The person's cases, drafts included, most recently active first (a
    case never published by when it was last edited); see `overviews`."""
    cases = CasePage.objects.filter(
        pk__in=CaseOwner.objects.filter(user_id=user.pk).values("case_id")
    )
    return _for_overviews(cases).order_by(
        Coalesce("last_activity_at", "latest_revision_created_at").desc(
            nulls_last=True
        ),
        "title",
        "pk",
    )


#: How many of a person's unfinished updates Mine saker lists.
DRAFTS_SHOWN = 10


def update_drafts_of(*, user) -> list[CaseUpdatePage]:
    """Updates the person started and has not published as they stand: drafts
    never published and published updates with saved changes, newest first."""
    return list(
        CaseUpdatePage.objects.filter(owner_id=user.pk)
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
        .order_by("-latest_revision_created_at", "-pk")
        .only("pk", "draft_title", "live", "latest_revision_created_at")[:DRAFTS_SHOWN]
    )


def cases_needing_measures() -> QuerySet[CasePage]:
    """Cases with a high need for communication and no planned measure, for the
    communication team's overview, most recently active first; see `overviews`."""
    cases = CasePage.objects.filter(communication_need=CommunicationNeed.HIGH).exclude(
        Exists(CasePlannedMeasure.objects.filter(case=OuterRef("pk")))
    )
    return _for_overviews(cases).order_by(*_most_recently_active_first())


def case_lists_open_to(*, user) -> list[CaseIndexPage]:
    """The case lists the person may create a case in."""
    return [
        index
        for index in CaseIndexPage.objects.live().order_by("path")
        if index.permissions_for_user(user).can_add_subpage()
    ]


def sees_communication_overview(*, user) -> bool:
    """The communication team (and superusers) watch every case's assessment."""
    if not user.is_active:
        return False
    return user.is_superuser or COMMUNICATION in group_names(user)


def _with_cases(updates: list[CaseUpdatePage]) -> list[CaseUpdatePage]:
    """Updates with their case loaded in bulk (one query for the list)."""
    parent_paths = {update.path[: -CasePage.steplen] for update in updates}
    cases = {
        case.path: case
        for case in CasePage.objects.filter(path__in=parent_paths).only(
            "title", "url_path", "path", "depth"
        )
    }
    for update in updates:
        # Fill the cached `case` property so cards need no query per update.
        update.__dict__["case"] = cases.get(update.path[: -CasePage.steplen])
    return updates


def _for_story_cards(updates: QuerySet[CaseUpdatePage]) -> list[CaseUpdatePage]:
    """Updates with their unit, hero image renditions and case loaded in bulk."""
    return _with_cases(list(for_story_cards(updates)))


def _public_updates() -> QuerySet[CaseUpdatePage]:
    updates = CaseUpdatePage.objects.live().filter(archived_at__isnull=True)
    return public(updates).order_by("-publication_date", "-pk")


#: How long an update for the reader's unit stays at the top of the front page.
TARGETED_DAYS = 14


def latest_case_updates(
    *, limit: int, units: tuple[int, ...] = ()
) -> list[CaseUpdatePage]:
    """The newest updates across all cases, for the front page; those for the
    reader's `units` from the last two weeks first, marked ``for_reader``."""
    # Shown through the kept cards, which load the pictures they render.
    updates = for_story_cards(_public_updates(), images=False)
    since = timezone.now() - datetime.timedelta(days=TARGETED_DAYS)
    return _with_cases(
        targeted_first(
            updates,
            units=units,
            limit=limit,
            since=since,
            date_field="publication_date",
        )
    )
