"""The moderators' queue in the Wagtail admin: reported and hidden comments.

Only moderators (editors, the communication team, superusers) reach it; anyone
else gets a plain 403 on every URL.
"""

import functools

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_POST, require_safe

from intranet.dialogue import rules, selectors, services
from intranet.dialogue.models import Comment
from intranet.dialogue.services import DialogueRefused

TABS = {"reported": "rapportert", "hidden": "skjult"}


def moderators_only(view):
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not rules.is_moderator(request.user):
            # Raising PermissionDenied in the admin turns into a redirect.
            return defaults.permission_denied(request, PermissionDenied())
        return view(request, *args, **kwargs)

    return wrapped


@moderators_only
@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    show = "hidden" if request.GET.get("vis") == TABS["hidden"] else "reported"
    return TemplateResponse(
        request,
        "dialogue/admin/queue.html",
        {
            "show": show,
            "tabs": TABS,
            "comments": selectors.moderation_queue(show=show),
        },
    )


@moderators_only
@require_POST
def act(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment, pk=pk)
    action = request.POST.get("action", "")
    try:
        if action == "hide":
            services.comment_hide(
                comment=comment,
                user=request.user,
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("The comment is hidden."))
        elif action == "unhide":
            services.comment_unhide(comment=comment, user=request.user)
            messages.success(request, _("The comment is shown again."))
        elif action == "dismiss":
            services.comment_report_dismiss(comment=comment, user=request.user)
            messages.success(request, _("The report is dismissed; the comment stays."))
        else:
            messages.error(request, _("Choose what to do with the comment."))
    except DialogueRefused as error:
        messages.error(request, error.message)
    back = request.POST.get("vis", "")
    url = reverse("dialogue_admin:queue")
    return redirect(f"{url}?vis={back}" if back in TABS.values() else url)
