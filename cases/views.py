from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cases import selectors
from intranet.core.pagination import paginate
from intranet.promotion import selectors as promotion_selectors

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
            "cases": pagination.page,
            "page_notice": pagination.notice,
            "case_lists": selectors.case_lists_open_to(user=request.user),
            "stale_after_days": selectors.stale_after_days(),
            "my_promotions": promotion_selectors.promotions_for_owner(
                user=request.user
            ),
        },
    )
