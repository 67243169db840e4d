"""The communication team's overview of page feedback in the Wagtail admin.

Only people with the feedback permissions (the communication team, through the
role table, and superusers) reach it; anyone else gets a plain 403.
"""

import functools
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_POST, require_safe

from intranet.core.pagination import paginate
from intranet.notices import selectors, services
from intranet.notices.models import FeedbackStatus, PageFeedback

OVERVIEW_PER_PAGE = 30
VIEW = "notices.view_pagefeedback"
CHANGE = "notices.change_pagefeedback"
#: The status filter's values in the address.
STATUS_PARAMS = {"ny": FeedbackStatus.NEW, "behandlet": FeedbackStatus.HANDLED}


def may_review(user) -> bool:
    return bool(user and user.is_active and user.has_perm(VIEW))


def _needs(permission: str):
    def decorator(view):
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.has_perm(permission):
                # Raising PermissionDenied in the admin turns into a redirect.
                return defaults.permission_denied(request, PermissionDenied())
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _filters(source) -> dict[str, str]:
    """The overview's filters as they stand in the address (unknown values
    left out)."""
    filters = {}
    if source.get("status") in STATUS_PARAMS:
        filters["status"] = source["status"]
    unit = source.get("enhet", "")
    if unit.isascii() and unit.isdigit() and len(unit) < 10:
        filters["enhet"] = unit
    return filters


@_needs(VIEW)
@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    filters = _filters(request.GET)
    pagination = paginate(
        selectors.feedback_overview(
            user=request.user,
            status=STATUS_PARAMS.get(filters.get("status", "")),
            unit_id=int(filters["enhet"]) if "enhet" in filters else None,
        ),
        per_page=OVERVIEW_PER_PAGE,
        requested=request.GET.get("side"),
    )
    counts = selectors.feedback_counts()
    return TemplateResponse(
        request,
        "notices/admin/overview.html",
        {
            "page_obj": pagination.page,
            "paginator": pagination.page.paginator,
            "page_notice": pagination.notice,
            "filters": filters,
            "query": urlencode(filters),
            "counts": counts,
            "total": sum(counts.values()),
            "units": selectors.feedback_units(),
            "can_change": request.user.has_perm(CHANGE),
        },
    )


@_needs(CHANGE)
@require_POST
def set_status(request: HttpRequest, pk: int) -> HttpResponse:
    feedback = get_object_or_404(PageFeedback, pk=pk)
    status = request.POST.get("status", "")
    if status not in FeedbackStatus.values:
        messages.error(request, _("Choose whether the feedback is new or handled."))
    else:
        services.feedback_set_status(feedback=feedback, status=status)
        if status == FeedbackStatus.HANDLED:
            messages.success(request, _("The feedback is marked as handled."))
        else:
            messages.success(request, _("The feedback is marked as new again."))
    query = urlencode(_filters(request.POST))
    page = request.POST.get("side", "")
    if page.isascii() and page.isdigit() and len(page) < 10:
        query = f"{query}&side={page}" if query else f"side={page}"
    url = reverse("notices_admin:overview")
    return redirect(f"{url}?{query}" if query else url)
