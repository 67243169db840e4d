"""Admin views for cases beyond Wagtail's page editor."""

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from cases import selectors
from intranet.core.access import allowed_or_403
from intranet.core.pagination import paginate

NEEDING_MEASURES_PER_PAGE = 25


def _sees_overview(user) -> bool:
    return selectors.sees_communication_overview(user=user)


@allowed_or_403(_sees_overview)
@require_GET
def cases_needing_measures(request: HttpRequest) -> HttpResponse:
    """Every case with a high need for communication and no planned measure,
    paginated: what the dashboard panel shows the first rows of."""
    pagination = paginate(
        selectors.cases_needing_measures(),
        per_page=NEEDING_MEASURES_PER_PAGE,
        requested=request.GET.get("side"),
    )
    return TemplateResponse(
        request,
        "cases/admin/cases_needing_measures.html",
        {
            "overviews": selectors.overviews(pagination.page),
            "cases": pagination.page,
            "page_notice": pagination.notice,
        },
    )
