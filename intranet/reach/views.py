"""Thin views: "Jeg har lest", a story's completion and its CSV, the list of
current must-read stories."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Page

from intranet.core.page_access import visible_to
from intranet.reach import selectors, services

#: Page ids are database keys; anything larger is no page (and no query).
MAX_ID = 2**63 - 1


def _must_read_or_404(request: HttpRequest, page_id: int) -> Page:
    """The live must-read story the person may view, or 404."""
    if page_id > MAX_ID:
        raise Http404
    page = Page.objects.filter(visible_to(request.user), pk=page_id).first()
    page = page.specific if page is not None else None
    if page is None or not selectors.is_must_read(page):
        raise Http404(_("This is not a must-read story."))
    return page


@require_POST
def acknowledge(request: HttpRequest, page_id: int) -> HttpResponse:
    """ "Jeg har lest": record it once, then back to the story."""
    page = _must_read_or_404(request, page_id)
    try:
        acknowledgement, created = services.acknowledgement_create(
            user=request.user, page=page
        )
    except services.NotInAudience:
        return render(
            request,
            "reach/refused.html",
            {"page": page},
            status=403,
        )
    when = date_format(timezone.localtime(acknowledgement.acknowledged_at), "j. F Y")
    if created:
        messages.success(request, _("Thank you. You confirmed you have read this."))
    else:
        messages.info(
            request,
            _("You had already confirmed you have read this (%(date)s).")
            % {"date": when},
        )
    return redirect(page.url or "/")


def _completion_access(request: HttpRequest, page: Page):
    access = selectors.completion_access(user=request.user, page=page)
    if not access.any:
        raise PermissionDenied
    return access


@require_safe
def completion(request: HttpRequest, page_id: int) -> HttpResponse:
    """How far the audience has come, in total and per unit; names for a
    unit leader's own units only."""
    page = _must_read_or_404(request, page_id)
    access = _completion_access(request, page)
    return render(
        request,
        "reach/completion.html",
        {
            "page": page,
            "access": access,
            "completion": selectors.completion(page=page, no_unit=_("No unit")),
            "unread_by_unit": selectors.unread_in_units(
                page=page, unit_ids=access.names_in_units
            ),
            "overdue": page.must_read_until < timezone.localdate(),
            "can_see_overview": selectors.may_see_overview(request.user),
        },
    )


def _cell(value) -> str | int:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@require_safe
def completion_csv(request: HttpRequest, page_id: int) -> HttpResponse:
    """The per-unit figures, for the authors and the communication team."""
    page = _must_read_or_404(request, page_id)
    if not _completion_access(request, page).export:
        raise PermissionDenied
    figures = selectors.completion(page=page, no_unit=_("No unit"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ma-leses-{page.pk}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [_("Sector"), _("Unit"), _("In the audience"), _("Have read"), _("Percent")]
    )
    for row in figures.units:
        writer.writerow(
            [_cell(row.sector), _cell(row.unit), row.audience, row.read, row.percent]
        )
    writer.writerow([_("Total"), "", figures.audience, figures.read, figures.percent])
    return response


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    """The current must-read stories and their completion, for the
    communication team and the editors."""
    user = request.user
    if not selectors.may_see_overview(user):
        raise PermissionDenied
    return render(
        request,
        "reach/overview.html",
        {"items": selectors.current_must_read(user=user, today=timezone.localdate())},
    )
