from django.http import HttpRequest
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_valid_next_url_from_request

from cases import selectors, services
from cases.communication import NOT_PUBLISHABLE_MESSAGE
from cases.models import CaseIndexPage, CasePage


@hooks.register("after_create_page")
def grant_staff_access_to_new_case_list(request: HttpRequest, page) -> None:
    if isinstance(page, CaseIndexPage):
        services.case_index_grant_staff_access(index=page)


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


class MyCasesPanel(Component):
    """The "Mine saker" dashboard panel, with a new-update link per case."""

    name = "my_cases"
    order = 50
    template_name = "cases/admin/my_cases_panel.html"

    def __init__(self, request: HttpRequest):
        self.request = request

    def get_context_data(self, parent_context=None) -> dict:
        return {
            "overviews": selectors.cases_owned_by(user=self.request.user),
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
        return {"overviews": selectors.cases_needing_measures()}


@hooks.register("construct_homepage_panels")
def add_case_panels(request: HttpRequest, panels: list) -> None:
    panels.append(MyCasesPanel(request))
    if selectors.sees_communication_overview(user=request.user):
        panels.append(CasesNeedingMeasuresPanel(request))
