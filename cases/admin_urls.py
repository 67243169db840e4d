"""Wagtail admin views that show page titles without going through the page
listing rule (cases.permissions), put under it.

Their URLs come before Wagtail's admin URLs (intranet/urls.py) and so replace
Wagtail's views at the same addresses.
"""

from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import ChosenMultipleView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page

from cases.permissions import listable
from intranet.core.numbers import database_id


class ListableChosenMultipleView(ChosenMultipleView):
    """The page chooser's answer for several chosen ids: only pages the person
    may list (ids are sequential, so any other would tell a hidden title)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        wanted = [
            number
            for number in map(database_id, request.GET.getlist("id"))
            if number is not None
        ]
        allowed = listable(Page.objects.filter(pk__in=wanted), request.user)
        query = QueryDict(mutable=True)
        query.setlist("id", [str(pk) for pk in allowed.values_list("pk", flat=True)])
        request.GET = query
        return super().get(request)


class ListablePageTypesUsageReportView(PageTypesUsageReportView):
    """The page types report names each type's last edited page: only one the
    person may list."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        shown = {item.last_edited_page_id for item in page_types} - {None}
        listed = set(
            listable(Page.objects.filter(pk__in=shown), self.request.user).values_list(
                "pk", flat=True
            )
        )
        for item in page_types:
            if item.last_edited_page_id not in listed:
                item.last_edited_page = None
        return page_types


def _admin(view):
    return never_cache(require_admin_access(view))


urlpatterns = [
    path("choose-page/chosen-multiple/", _admin(ListableChosenMultipleView.as_view())),
    path(
        "reports/page-types-usage/",
        _admin(ListablePageTypesUsageReportView.as_view()),
    ),
    path(
        "reports/page-types-usage/results/",
        _admin(ListablePageTypesUsageReportView.as_view(results_only=True)),
    ),
]
