from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cases import selectors
from intranet.core.pagination import paginate
from intranet.core.sections import MY_CASES, registered_sections

MY_CASES_PER_PAGE = 20


@require_GET
def my_cases(request: HttpRequest) -> HttpResponse:
    """The "Mine saker" page: the person's cases, what needs attention, shortcuts."""
    pagination = paginate(
        selectors.cases_owned_by(user=request.user),
        per_page=MY_CASES_PER_PAGE,
        requested=request.GET.get("side"),
    )
    return render(
        request,
        "cases/my_cases.html",
        {
            "overviews": selectors.overviews(pagination.page),
            "drafts": selectors.update_drafts_of(user=request.user),
            "cases": pagination.page,
            "page_notice": pagination.notice,
            "case_lists": selectors.case_lists_open_to(user=request.user),
            "stale_after_days": selectors.stale_after_days(),
            # What other apps add, e.g. promotion's "your stories outside".
            "sections": registered_sections(MY_CASES),
        },
    )
