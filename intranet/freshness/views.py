"""The pages the freshness notifications link to, and the team's overview.

Thin: each finds the page (404), asks Wagtail's page permissions whether the
person may act (403), calls a service and says what happened.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Page

from cases.models import CasePage, CaseStatus
from cases.selectors import sees_communication_overview
from intranet.core.models import Unit
from intranet.core.pagination import paginate
from intranet.freshness import selectors, services

#: Rows per page of "se alle".
PER_PAGE = 25

_NOT_SAVED = gettext_lazy(
    "It could not be saved: the page does not pass the editor's checks. "
    "Open it in the editor and publish it from there."
)


def _live_case(case_id: int) -> CasePage:
    case = CasePage.objects.live().filter(pk=case_id).first()
    if case is None:
        raise Http404(_("There is no such case."))
    return case


def _live_story(page_id: int) -> Page:
    page = selectors.live_story(page_id)
    if page is None:
        raise Http404(_("There is no such page."))
    return page


@require_safe
def case_actions(request: HttpRequest, case_id: int) -> HttpResponse:
    """A quiet case's two ways forward: a new update, or mark it completed."""
    case = _live_case(case_id)
    perms = case.permissions_for_user(request.user)
    if not perms.can_edit():
        raise PermissionDenied
    days = selectors.case_thresholds().get(case.status)
    return render(
        request,
        "freshness/case_actions.html",
        {
            "case": case,
            "days": days,
            "is_completed": case.status == CaseStatus.COMPLETED,
            "can_add_update": perms.can_add_subpage(),
            "can_complete": services.may_complete(case=case, user=request.user),
            "new_update_url": reverse("composer:update_new", args=(case.pk,)),
        },
    )


@require_POST
def case_complete(request: HttpRequest, case_id: int) -> HttpResponse:
    case = _live_case(case_id)
    if not services.may_complete(case=case, user=request.user):
        raise PermissionDenied
    back = reverse("freshness:case", args=(case.pk,))
    if case.status == CaseStatus.COMPLETED:
        messages.info(request, _("The case is already completed."))
        return HttpResponseRedirect(back)
    try:
        case = services.case_complete(case=case, user=request.user)
    except ValidationError:
        messages.error(request, _NOT_SAVED)
        return HttpResponseRedirect(back)
    messages.success(
        request,
        _("“%(title)s” is marked as completed. Its owners are no longer reminded.")
        % {"title": case.title},
    )
    return HttpResponseRedirect(case.get_url(request) or back)


@require_safe
def review(request: HttpRequest, page_id: int) -> HttpResponse:
    """Er dette fortsatt riktig? Confirm, archive or restore one page."""
    page = _live_story(page_id)
    if not services.may_answer(page=page, user=request.user):
        raise PermissionDenied
    return render(
        request,
        "freshness/review.html",
        {"page": page, "review_days": selectors.review_days()},
    )


def _answer(request: HttpRequest, page_id: int, action, message: str):
    page = _live_story(page_id)
    if not services.may_answer(page=page, user=request.user):
        raise PermissionDenied
    try:
        page = action(page=page, user=request.user)
    except ValidationError:
        messages.error(request, _NOT_SAVED)
        return HttpResponseRedirect(reverse("freshness:review", args=(page.pk,)))
    messages.success(request, message % {"title": page.title})
    return HttpResponseRedirect(page.get_url(request) or "/")


@require_POST
def confirm(request: HttpRequest, page_id: int) -> HttpResponse:
    return _answer(
        request,
        page_id,
        services.story_confirm,
        _("Thank you. “%(title)s” is confirmed as still correct."),
    )


@require_POST
def archive(request: HttpRequest, page_id: int) -> HttpResponse:
    return _answer(
        request,
        page_id,
        services.story_archive,
        _(
            "“%(title)s” is archived: it is left out of lists and feeds, and search "
            "still finds it."
        ),
    )


@require_POST
def restore(request: HttpRequest, page_id: int) -> HttpResponse:
    return _answer(
        request,
        page_id,
        services.story_restore,
        _("“%(title)s” is no longer archived."),
    )


def _team_only(request: HttpRequest) -> None:
    if not sees_communication_overview(user=request.user):
        raise PermissionDenied


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    """What is overdue per unit, for the communication team."""
    _team_only(request)
    return render(
        request,
        "freshness/overview.html",
        {
            "units": selectors.overdue_by_unit(user=request.user, now=timezone.now()),
            "shown_per_unit": selectors.SHOWN_PER_UNIT,
            "thresholds": selectors.case_thresholds(),
            "review_days": selectors.review_days(),
        },
    )


def _unit_or_404(unit_id: int):
    """0 stands for "no unit"."""
    if unit_id == 0:
        return None
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404(_("There is no such unit."))
    return unit


@require_safe
def overview_all(request: HttpRequest, kind: str, unit_id: int) -> HttpResponse:
    """All of one unit's overdue cases or pages, a page at a time."""
    _team_only(request)
    unit = _unit_or_404(unit_id)
    read = {
        "saker": selectors.overdue_cases_of_unit,
        "sider": selectors.overdue_pages_of_unit,
    }.get(kind)
    if read is None:
        raise Http404
    rows = read(
        user=request.user, now=timezone.now(), unit_id=unit.pk if unit else None
    )
    pagination = paginate(
        rows.defer_streamfields(), per_page=PER_PAGE, requested=request.GET.get("side")
    )
    return render(
        request,
        "freshness/overview_all.html",
        {
            "unit": unit,
            "kind": kind,
            "rows": pagination.page,
            "page_notice": pagination.notice,
        },
    )
