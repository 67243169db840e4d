"""Admin views for the communication team beyond the snippet listing/editor.

Every view is wrapped in `team_required`, so a direct URL refuses (403) anyone
without the model permission, which only Kommunikasjon and superusers hold.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page

from intranet.core.access import allowed_or_403
from intranet.core.access import forbidden as forbidden  # used by wagtail_hooks
from intranet.core.models import story_page_models
from intranet.promotion import figures, services
from intranet.promotion.export import export_html, export_text
from intranet.promotion.forms import TransitionForm
from intranet.promotion.models import Promotion, PromotionStatus

#: Promotions shown per column of the board.
BOARD_SHOWN = 20
#: Columns whose newest change comes first (the others: the next planned date).
CLOSED_STATUSES = frozenset(
    {PromotionStatus.PUBLISHED, PromotionStatus.REJECTED, PromotionStatus.WITHDRAWN}
)


def can_manage(user) -> bool:
    return user.is_active and user.has_perm("promotion.change_promotion")


# Refuses (403) anyone outside the communication team.
team_required = allowed_or_403(can_manage)


def _promotion(pk: int) -> Promotion:
    return get_object_or_404(
        Promotion.objects.select_related("page", "assignee", "image"), pk=pk
    )


@team_required
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The internal story beside the external version, history and status form."""
    promotion = _promotion(pk)
    form = TransitionForm(request.POST or None, promotion=promotion)
    if request.method == "POST" and form.is_valid():
        try:
            services.promotion_transition(
                promotion=promotion,
                to_status=form.cleaned_data["to_status"],
                user=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Status changed to “%(status)s”.")
                % {"status": promotion.get_status_display()},
            )
            return redirect("promotion_admin:detail", pk=promotion.pk)
    return TemplateResponse(
        request,
        "promotion/admin/detail.html",
        {
            "promotion": promotion,
            "story": promotion.page.specific,
            "events": promotion.events.select_related("user"),
            "form": form,
            "edit_url": Promotion.snippet_viewset.get_url_name("edit"),
            "header_icon": "globe",
        },
        status=400 if request.method == "POST" else 200,
    )


@team_required
@require_http_methods(["GET"])
def board(request: HttpRequest) -> HttpResponse:
    """The promotions grouped by status, one column per status; each column
    shows its first `BOARD_SHOWN` and links to the full list of its status
    (five years of published and rejected stories do not fit on one page)."""
    counts = dict(
        Promotion.objects.values_list("status").annotate(n=Count("pk")).order_by()
    )
    list_url = reverse(Promotion.snippet_viewset.get_url_name("list"))
    columns = []
    for status in PromotionStatus:
        promotions = Promotion.objects.filter(status=status).select_related(
            "page__owner", "assignee"
        )
        if status in CLOSED_STATUSES:
            promotions = promotions.order_by("-updated_at", "-pk")
        else:
            promotions = promotions.order_by("planned_date", "-created_at", "-pk")
        columns.append(
            {
                "value": status.value,
                "label": status.label,
                "items": list(promotions[:BOARD_SHOWN]),
                "count": counts.get(status.value, 0),
                "all_url": f"{list_url}?{urlencode({'status': status.value})}",
            }
        )
    return TemplateResponse(request, "promotion/admin/board.html", {"columns": columns})


@team_required
@require_http_methods(["GET"])
def figures_view(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request, "promotion/admin/figures.html", {"figures": figures.compute()}
    )


@team_required
@require_http_methods(["GET"])
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """A press-ready copy of one external version, as HTML or plain text."""
    promotion = _promotion(pk)
    filename = slugify(promotion.external_title) or f"formidling-{promotion.pk}"
    if fmt == "html":
        response = HttpResponse(export_html(promotion), content_type="text/html")
        response["Content-Disposition"] = f'attachment; filename="{filename}.html"'
    else:
        response = HttpResponse(
            export_text(promotion), content_type="text/plain; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.txt"'
    return response


class AddStoryForm(forms.Form):
    page = forms.ModelChoiceField(
        label=gettext_lazy("Story"),
        queryset=Page.objects.live(),
        widget=AdminPageChooser(target_models=story_page_models()),
    )
    comment = forms.CharField(label=gettext_lazy("Comment"), required=False)


@team_required
@require_http_methods(["GET", "POST"])
def add_story(request: HttpRequest) -> HttpResponse:
    """The team adds any published story to the queue by hand."""
    form = AddStoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            promotion = services.promotion_create(
                page=form.cleaned_data["page"],
                user=request.user,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("page", message)
        else:
            return redirect("promotion_admin:detail", pk=promotion.pk)
    return TemplateResponse(
        request,
        "promotion/admin/add_story.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
