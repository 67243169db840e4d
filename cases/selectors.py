"""Reads for cases: the querysets the case list, the case page and "my cases" use.

Each returns everything its page shows in a fixed number of queries, whatever
the number of cases, owners or updates. What a person is shown passes Wagtail's
view restrictions for that person (`intranet.core.selectors.visible_to`); lists
cached for everyone show only public pages.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page

from cases.communication import AssessmentStatus
from cases.filters import CaseFilters
from cases.models import (
    CaseIndexPage,
    CaseOwner,
    CasePage,
    CasePlannedMeasure,
    CaseStatus,
    CaseUpdatePage,
)
from intranet.core.page_access import without_hidden
from intranet.core.roles import COMMUNICATION
from intranet.core.vocabulary import CommunicationNeed

DEFAULT_STALE_AFTER_DAYS = 60


def stale_after_days() -> int:
    """Days without an update before a case counts as stale."""
    return int(getattr(settings, "CASES_STALE_AFTER_DAYS", DEFAULT_STALE_AFTER_DAYS))


def _live_updates_of_outer_case(user) -> QuerySet[CaseUpdatePage]:
    updates = CaseUpdatePage.objects.live().filter(
        path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1
    )
    return updates if user is None else without_hidden(updates, user=user)


def _with_update_facts(cases: QuerySet[CasePage], *, user=None) -> QuerySet[CasePage]:
    """Annotate the date of the latest live update and the number of updates:
    those the person may see, or all of them for the people who run the case."""
    latest = _live_updates_of_outer_case(user).order_by("-publication_date")
    count = (
        _live_updates_of_outer_case(user)
        .order_by()
        .values("depth")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return cases.annotate(
        last_update_at=Subquery(latest.values("publication_date")[:1]),
        update_count=Coalesce(Subquery(count[:1]), 0),
        last_activity_at=Coalesce(
            "last_update_at", "first_published_at", "latest_revision_created_at"
        ),
    )


def _owners_prefetch() -> Prefetch:
    return Prefetch(
        "case_owners",
        queryset=CaseOwner.objects.select_related("user__profile__unit").order_by(
            "sort_order"
        ),
    )


def case_list(
    *, index: CaseIndexPage, filters: CaseFilters, user
) -> QuerySet[CasePage]:
    """Live cases under a case list that the person may see, filtered, most
    recently active first."""
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
    return (
        _with_update_facts(cases, user=user)
        .select_related("unit")
        .prefetch_related(_owners_prefetch(), "topics")
        .order_by(F("last_activity_at").desc(nulls_last=True), "title", "pk")
    )


def case_detail_prefetch(*, case: CasePage) -> CasePage:
    """Load the case's owners (with their units), topics and tags in three
    queries. Only for a saved case: a preview keeps its in-memory relations."""
    prefetch_related_objects([case], _owners_prefetch(), "topics", "tags")
    return case


def case_updates(*, case: Page, user) -> QuerySet[CaseUpdatePage]:
    """The live updates of a case that the person may see, newest first."""
    updates = CaseUpdatePage.objects.live().child_of(case).defer_streamfields()
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
        return reverse(
            "wagtailadmin_pages:add", args=("cases", "caseupdatepage", self.case.pk)
        )


def _overviews(cases: QuerySet[CasePage]) -> list[CaseOverview]:
    cases = (
        _with_update_facts(cases)
        .annotate(
            has_measures=Exists(CasePlannedMeasure.objects.filter(case=OuterRef("pk")))
        )
        .select_related("unit")
        .defer_streamfields()
    )
    stale_before = timezone.now() - datetime.timedelta(days=stale_after_days())
    overviews = []
    for case in cases:
        activity = case.last_activity_at
        overviews.append(
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
    return overviews


def cases_owned_by(*, user) -> list[CaseOverview]:
    """The person's cases, drafts included, most recently active first."""
    cases = CasePage.objects.filter(
        pk__in=CaseOwner.objects.filter(user_id=user.pk).values("case_id")
    ).order_by(F("latest_revision_created_at").desc(nulls_last=True), "title")
    return _overviews(cases)


def cases_needing_measures() -> list[CaseOverview]:
    """Cases with a high need for communication and no planned measure, for the
    communication team's overview."""
    cases = (
        CasePage.objects.filter(communication_need=CommunicationNeed.HIGH)
        .exclude(Exists(CasePlannedMeasure.objects.filter(case=OuterRef("pk"))))
        .order_by("title")
    )
    return _overviews(cases)


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
    return user.is_superuser or user.groups.filter(name=COMMUNICATION).exists()


def _for_story_cards(updates: QuerySet[CaseUpdatePage]) -> list[CaseUpdatePage]:
    """Updates with their unit, hero image renditions and case loaded in bulk."""
    images = get_image_model().objects.prefetch_renditions()
    updates = list(
        updates.defer_streamfields()
        .select_related("unit")
        .prefetch_related(Prefetch("hero_image", queryset=images))
    )
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


def _public_updates() -> QuerySet[CaseUpdatePage]:
    return CaseUpdatePage.objects.live().public().order_by("-publication_date", "-pk")


def latest_case_updates(*, limit: int) -> list[CaseUpdatePage]:
    """The newest updates across all cases, for the front page."""
    return _for_story_cards(_public_updates()[:limit])


def positioning_case_updates(*, limit: int) -> list[CaseUpdatePage]:
    """The newest updates that show innovation or competence."""
    return _for_story_cards(_public_updates().exclude(positioning_themes=[])[:limit])
