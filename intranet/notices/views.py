"""Thin views: put an alert away, give feedback on a page, and the feedback
about one's own pages."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from intranet.core.pagination import paginate
from intranet.core.redirects import redirect_to_next
from intranet.notices import selectors, services
from intranet.notices.forms import FeedbackForm
from intranet.notices.models import Alert

RECEIVED_PER_PAGE = 30


@require_POST
def alert_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    """Hide an info or warning alert for this person; back to the same page."""
    alert = Alert.objects.filter(pk=pk).first()
    # An alert deleted meanwhile is gone already: just go back.
    if alert is not None and not services.alert_dismiss(
        session=request.session, alert=alert
    ):
        messages.error(request, _("A critical alert cannot be hidden."))
    return redirect_to_next(request, "/")


def _about(request: HttpRequest) -> str:
    """The address the feedback is about: ``side``, or (from the error page,
    which knows no address) the page the person came from."""
    source = request.POST if request.method == "POST" else request.GET
    if "side" in source:
        return selectors.local_path(source.get("side"), request=request)
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.netloc != request.get_host() or referer.scheme not in ("http", "https"):
        return ""
    path = referer.path + (f"?{referer.query}" if referer.query else "")
    return selectors.local_path(path, request=request)


@require_http_methods(["GET", "HEAD", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    path = _about(request)
    page = selectors.page_for_path(path=path, request=request, user=request.user)
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        _feedback, new = services.feedback_submit(
            user=request.user,
            path=path,
            page=page,
            text=form.cleaned_data["text"],
            contact_ok=form.cleaned_data["contact_ok"],
        )
        if new:
            messages.success(
                request,
                _("Thank you for the feedback! It has been sent to those responsible."),
            )
        else:
            messages.success(request, _("Thank you, we have received the feedback."))
        return HttpResponseRedirect(path or "/")
    return render(
        request,
        "notices/feedback.html",
        {"form": form, "path": path, "about_page": page},
    )


@require_safe
def received(request: HttpRequest) -> HttpResponse:
    """Feedback about the pages the person owns."""
    pagination = paginate(
        selectors.feedback_received(user=request.user),
        per_page=RECEIVED_PER_PAGE,
        requested=request.GET.get("side"),
    )
    return render(
        request,
        "notices/received.html",
        {
            "page_obj": pagination.page,
            "paginator": pagination.page.paginator,
            "page_notice": pagination.notice,
        },
    )
