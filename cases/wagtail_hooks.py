from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.pages.listing import ExplorableIndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cases import admin_views, permissions, selectors
from cases.communication import NOT_PUBLISHABLE_MESSAGE
from cases.models import CASES_SCOPE, CaseIndexPage, CaseOwner, CasePage, UnitReview
from intranet.core.explorer import KeptCountMixin, KeptRowsMixin
from intranet.core.roles import (
    COMMUNICATION,
    REGISTER_ROLE_RIGHTS,
    STAFF,
    Right,
    model_rights,
    page_rights,
)
from intranet.core.sections import Region, Section
from intranet.core.selectors import cached_for_content, reader_units
from search.hooks import DEFAULT_FOLLOWS
from search.query import SearchQuery


@hooks.register(REGISTER_ROLE_RIGHTS)
def cases_role_rights() -> list[Right]:
    """Every staff member may create cases in a case list; `cases.permissions`
    keeps that from reaching into existing cases. The communication team
    decides which units' updates are approved before publishing."""
    return [
        *page_rights(STAFF, "cases.CaseIndexPage", "add"),
        *model_rights(
            COMMUNICATION,
            "cases.add_unitreview",
            "cases.change_unitreview",
            "cases.delete_unitreview",
        ),
    ]


class UnitReviewViewSet(SnippetViewSet):
    """Which units' case updates wait for approval (`cases.review`)."""

    model = UnitReview
    icon = "tasks"
    add_to_settings_menu = True
    list_display = ["unit", "approved_by"]


register_snippet(UnitReviewViewSet)


@hooks.register(DEFAULT_FOLLOWS)
def follow_own_cases(user) -> list[tuple[SearchQuery, str]]:
    """From their first login, case owners follow the live cases they own."""
    owned = CaseOwner.objects.filter(user=user, case__live=True).select_related("case")
    return [
        (SearchQuery(case=ownership.case_id), ownership.case.title)
        for ownership in owned
    ]


class CaseFilterSet(PageFilterSet):
    """The explorer's filters for the cases of a case list.

    Wagtail's "owner" and "edited by" filters offer a checkbox for every
    person who ever created or edited a page: in a municipality, thousands of
    checkboxes rendered on every visit to the list (and more every year). A
    case is found by its own status and unit instead, or by the search box."""

    owner = None
    edited_by = None
    site = None

    class Meta:
        model = CasePage
        fields = ["status", "unit"]


class CaseListExplorerView(KeptCountMixin, KeptRowsMixin, ExplorableIndexView):
    """The explorer of a case list: the cases, filtered by their own fields.
    A search without filters reaches their updates too, as Wagtail's explorer
    searches every page below the one explored."""

    def count_key_parts(self) -> tuple:
        # An owner also sees the drafts of the cases they own listed.
        return tuple(sorted(permissions.owned_case_paths(self.request.user)))

    @cached_property
    def explorable_columns(self):
        """Without the type column, whose every row says "Sak", but for a
        search that reaches the updates too."""
        columns = super().explorable_columns
        if self.is_searching and not self.is_filtering:
            return columns
        return [column for column in columns if column.name != "type"]

    def get_base_queryset(self):
        if not self.is_searching or self.is_filtering:
            return super().get_base_queryset()
        cases, self.model = self.model, Page
        try:
            return super().get_base_queryset()
        finally:
            self.model = cases


class CasePageViewSet(PageViewSet):
    """Wagtail's views for cases; the explorer of a case list uses its listing
    (a case list holds only cases).

    Twenty cases a page, as on the site's case list and in Wagtail's other
    listings: each row of the explorer renders a menu of up to ten actions,
    each asking the case's permission rules, so fifty rows cost the admin
    more than everything else on the page together."""

    model = CasePage
    index_view_class = CaseListExplorerView
    filterset_class = CaseFilterSet
    list_per_page = 20


@hooks.register("register_admin_viewset")
def register_case_page_viewset() -> PageViewSet:
    return CasePageViewSet("case_pages")


@hooks.register("construct_explorer_page_queryset")
def refuse_exploring_unlisted_pages(parent_page, pages, request: HttpRequest):
    """The explorer heads its listing with the parent's title: a page the
    person may not list is not found (its children are already cut down)."""
    _refuse_unlisted(parent_page.pk, request)
    return pages


@hooks.register("construct_page_chooser_queryset")
def list_only_listable_pages_in_the_chooser(pages, request: HttpRequest):
    """The page chooser lists the whole tree: cut it down to what the person
    may list, and refuse to browse into (and so title) any other page."""
    parent_page_id = request.resolver_match.kwargs.get("parent_page_id")
    if parent_page_id is not None:
        _refuse_unlisted(parent_page_id, request)
    return permissions.listable(pages, request.user)


def _refuse_unlisted(page_id: int, request: HttpRequest) -> None:
    if request.user.is_superuser:
        return
    unlisted = Page.objects.filter(pk=page_id, depth__gt=1).exclude(
        permissions.listable_pages(request.user)
    )
    if unlisted.exists():
        raise Http404


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_without_assessment(
    request: HttpRequest, action_type: str, objects, action_class_instance
):
    """Bulk publishing skips the edit form, so check the assessment here too."""
    if action_type != "publish":
        return None
    include_descendants = bool(request.POST.get("include_descendants"))
    for page in objects:
        candidates = [page]
        if include_descendants:
            candidates += list(page.get_descendants().not_live())
        for candidate in candidates:
            if candidate.specific_class is not CasePage:
                continue
            case = candidate.specific.get_latest_revision_as_object()
            if case.communication_assessment_problems():
                messages.error(
                    request,
                    f"{case.get_admin_display_title()}: {NOT_PUBLISHABLE_MESSAGE}",
                )
                return redirect(
                    get_valid_next_url_from_request(request) or "wagtailadmin_home"
                )
    return None


#: Rows a dashboard panel shows; "see all" leads to the whole, paginated list.
PANEL_ROWS = 10
#: How long the team's panel is kept at most (its key holds the content version).
NEEDING_MEASURES_SECONDS = 60 * 60


def _panel_rows(cases: QuerySet[CasePage]) -> dict:
    """The first rows of a list for a panel, and how many there are in all."""
    return {
        "overviews": selectors.overviews(cases[:PANEL_ROWS]),
        "total": cases.count(),
    }


class MyCasesPanel(Component):
    """The "Mine saker" dashboard panel, with a new-update link per case."""

    name = "my_cases"
    order = 50
    template_name = "cases/admin/my_cases_panel.html"

    def __init__(self, request: HttpRequest):
        self.request = request

    def get_context_data(self, parent_context=None) -> dict:
        return {
            **_panel_rows(selectors.cases_owned_by(user=self.request.user)),
            "see_all_url": reverse("cases:my_cases"),
            "case_lists": selectors.case_lists_open_to(user=self.request.user),
            "stale_after_days": selectors.stale_after_days(),
        }


class CasesNeedingMeasuresPanel(Component):
    """The communication team's overview: high need, nothing planned."""

    name = "cases_needing_measures"
    order = 60
    template_name = "cases/admin/cases_needing_measures_panel.html"

    def __init__(self, request: HttpRequest):
        self.request = request

    def get_context_data(self, parent_context=None) -> dict:
        # The same for everyone in the team: kept until the content changes
        # (a case or its measures published), and for the day (what is stale).
        rows = cached_for_content(
            ("cases:needing-measures", timezone.localdate().isoformat()),
            lambda: _panel_rows(selectors.cases_needing_measures()),
            timeout=NEEDING_MEASURES_SECONDS,
            scopes=[CASES_SCOPE],
        )
        return {**rows, "see_all_url": reverse("cases_needing_measures")}


@hooks.register("construct_homepage_panels")
def add_case_panels(request: HttpRequest, panels: list) -> None:
    panels.append(MyCasesPanel(request))
    if selectors.sees_communication_overview(user=request.user):
        panels.append(CasesNeedingMeasuresPanel(request))


def _latest_case_updates(request: HttpRequest) -> dict:
    return {
        "latest_case_updates": selectors.latest_case_updates(
            limit=6, units=reader_units(request.user)
        ),
        "case_index": CaseIndexPage.objects.live().first(),
    }


def _reader(request: HttpRequest) -> str:
    # People in the same unit see the same list.
    return "-".join(str(pk) for pk in reader_units(request.user))


@hooks.register("front_page_sections")
def latest_case_updates_section() -> Section:
    return Section(
        name="latest-case-updates",
        template="cases/home/latest_updates.html",
        context=_latest_case_updates,
        region=Region.MAIN,
        order=20,
        vary=_reader,
        scopes=(CASES_SCOPE,),
    )


@hooks.register("register_admin_urls")
def register_case_admin_urls() -> list:
    return [
        path(
            "saker/uten-tiltak/",
            admin_views.cases_needing_measures,
            name="cases_needing_measures",
        )
    ]
