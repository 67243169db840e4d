"""The communication team's insights in the Wagtail admin.

Every view refuses (403) anyone without `insights.view_insights`, which only
Kommunikasjon (granted in migration 0002) and superusers hold.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from intranet.core.access import allowed_or_403
from intranet.insights import dashboard, selectors
from intranet.insights.charts import trend_chart
from intranet.insights.forms import DashboardFilterForm
from intranet.insights.models import BASELINE_2012_PERCENT, MIN_ANSWERS

team_required = allowed_or_403(selectors.can_see_insights)


def _filters(request: HttpRequest) -> tuple[DashboardFilterForm, dashboard.Filters]:
    form = DashboardFilterForm(request.GET or None)
    return form, form.filters() if request.GET else form.default_filters()


@team_required
@require_GET
def dashboard_view(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    query = request.GET.urlencode() if form.is_bound and form.is_valid() else ""
    return TemplateResponse(
        request,
        "insights/admin/dashboard.html",
        {
            "form": form,
            "filters": filters,
            "tables": dashboard.build(filters, request),
            "query": query,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@team_required
@require_GET
def csv_view(request: HttpRequest, slug: str) -> HttpResponse:
    form, filters = _filters(request)
    if form.is_bound and not form.is_valid():
        return HttpResponse(
            " ".join(str(error) for errors in form.errors.values() for error in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    table = dashboard.build_one(slug, filters, request)
    if table is None:
        raise Http404
    return dashboard.csv_response(table, filters)


@team_required
@require_GET
def pulse_results_view(request: HttpRequest) -> HttpResponse:
    results = selectors.pulse_results()
    shown = [result for result in results if result.shown]
    chart = trend_chart(
        [
            (
                timezone.localtime(result.survey.opens_at).strftime("%m.%Y"),
                result.percent,
            )
            for result in shown
        ],
        baseline=BASELINE_2012_PERCENT,
    )
    # Comments of the latest survey that has closed: none while one is open.
    closed = [result for result in results if result.closed]
    latest = closed[-1] if closed else None
    return TemplateResponse(
        request,
        "insights/admin/pulse_results.html",
        {
            "results": list(reversed(results)),
            "chart": chart,
            "baseline": BASELINE_2012_PERCENT,
            "min_answers": MIN_ANSWERS,
            "latest": latest,
            "latest_comments": (
                selectors.pulse_comments(survey=latest.survey)
                if latest and latest.shown
                else []
            ),
        },
    )
