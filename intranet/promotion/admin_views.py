"""Admin views for the communication team beyond the snippet listing/editor.

Every view is wrapped in `team_required`, so a direct URL refuses (403) anyone
without the model permission, which only Kommunikasjon and superusers hold.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page

from intranet.core.access import allowed_or_403
from intranet.core.access import forbidden as forbidden  # used by wagtail_hooks
from intranet.core.models import story_page_models
from intranet.promotion import figures, selectors, services
from intranet.promotion.export import export_html, export_text
from intranet.promotion.forms import SharePeriodForm, ShareTextsForm, TransitionForm
from intranet.promotion.models import (
    PUBLIC_STATUSES,
    Promotion,
    PromotionStatus,
    ShareChannel,
)

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


def _share_url(promotion: Promotion) -> str:
    """The story's sharing page ("Del"), while colleagues may share it."""
    if selectors.shareable_promotion(pk=promotion.pk) is None:
        return ""
    return reverse("promotion:share", args=[promotion.pk])


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
            "share_url": _share_url(promotion),
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
    weights = services.radar_weights()
    return TemplateResponse(
        request,
        "promotion/admin/board.html",
        {
            "columns": columns,
            "radar_trained": weights is not None,
            "radar_model": selectors.radar_latest_model() if weights else None,
            "radar_suggestions": (
                selectors.radar_suggestions(user=request.user) if weights else []
            ),
        },
    )


def _suggested_page(request: HttpRequest, page_id: int):
    """The live story behind a radar suggestion, if the person may see it."""
    page = selectors.radar_suggestion_page(user=request.user, page_id=page_id)
    if page is None:
        raise Http404(_("No such story."))
    return page


@team_required
@require_POST
def radar_candidate(request: HttpRequest, page_id: int) -> HttpResponse:
    """Make a radar suggestion a candidate ("Gjør til kandidat"); the author
    is asked why it is an example."""
    page = _suggested_page(request, page_id)
    try:
        promotion = services.radar_make_candidate(page=page, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("promotion_admin:board")
    messages.success(
        request,
        _("“%(title)s” is a candidate. The author is asked to say why.")
        % {"title": page.title},
    )
    return redirect("promotion_admin:detail", pk=promotion.pk)


@team_required
@require_POST
def radar_dismiss(request: HttpRequest, page_id: int) -> HttpResponse:
    """Dismiss a radar suggestion ("Avvis"): never suggested again, and no
    example in the next training."""
    page = _suggested_page(request, page_id)
    services.radar_dismiss(page=page, user=request.user)
    messages.success(
        request,
        _("“%(title)s” is dismissed and will not be suggested again.")
        % {"title": page.title},
    )
    return redirect("promotion_admin:board")


@team_required
@require_http_methods(["GET"])
def figures_view(request: HttpRequest) -> HttpResponse:
    period = SharePeriodForm(request.GET)
    if period.is_valid():
        since, until = period.cleaned_data["fra"], period.cleaned_data["til"]
    else:
        since, until = SharePeriodForm.default(timezone.localdate())
    return TemplateResponse(
        request,
        "promotion/admin/figures.html",
        {
            "figures": figures.compute(),
            "share": figures.share_compute(since=since, until=until),
            "period": period,
            "share_top": figures.SHARE_TOP,
        },
    )


@team_required
@require_http_methods(["GET", "POST"])
def share_texts(request: HttpRequest, pk: int) -> HttpResponse:
    """The team's suggested texts for sharing an approved or published story,
    one per channel, and the clicks its shared links have had."""
    promotion = _promotion(pk)
    shareable = promotion.status in PUBLIC_STATUSES
    form = ShareTextsForm(
        request.POST or None,
        initial=selectors.share_texts(promotion=promotion),
        language=promotion.language,
    )
    if request.method == "POST" and shareable and form.is_valid():
        try:
            services.share_texts_save(
                promotion=promotion, texts=form.cleaned_data, user=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("The suggested texts are saved."))
            return redirect("promotion_admin:share-texts", pk=promotion.pk)
    clicks = selectors.share_clicks_by_channel(promotion=promotion)
    return TemplateResponse(
        request,
        "promotion/admin/share_texts.html",
        {
            "promotion": promotion,
            "form": form if shareable else None,
            "clicks": [
                (channel.label, clicks.get(channel, 0)) for channel in ShareChannel
            ],
            "share_url": _share_url(promotion),
        },
        status=400 if request.method == "POST" else 200,
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
