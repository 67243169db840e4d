"""Thin views for the comment area. Every view answers a plain form post with
a message and a redirect back to the story, and a script (``Accept:
application/json``) with JSON and the re-rendered comment area."""

from __future__ import annotations

from django.contrib import messages
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from intranet.core.numbers import small_number
from intranet.dialogue import rules, selectors, services
from intranet.dialogue.models import Comment, ReactionKind
from intranet.dialogue.services import DialogueRefused


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _page(page_id: int) -> Page:
    return get_object_or_404(Page, pk=page_id)


def _comment(pk: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("page"), pk=pk)


def area_html(request: HttpRequest, page: Page) -> str:
    """The area again after an action, expanded if it was posted from there."""
    area = selectors.comment_area(
        page=page, user=request.user, show_all=selectors.shows_all(request)
    )
    return render_to_string(
        "dialogue/comment_area.html", {"area": area}, request=request
    )


def _done(
    request: HttpRequest, page: Page, message: str, *, anchor: str = "comments"
) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(
            {
                "ok": True,
                "message": message,
                "anchor": anchor,
                "html": area_html(request, page),
            }
        )
    messages.success(request, message)
    # A comment may be in an older thread: come back to it with all shown.
    query = f"?{rules.SHOW_ALL}" if anchor.startswith("comment-") else ""
    return redirect(f"{page.get_url(request) or '/'}{query}#{anchor}")


def _refused(request: HttpRequest, page: Page, error: DialogueRefused) -> HttpResponse:
    status = 403 if error.forbidden else 400
    if _wants_json(request):
        return JsonResponse({"ok": False, "message": error.message}, status=status)
    url = page.get_url(request) if page.live else None
    if error.forbidden or not url:
        return HttpResponse(error.message, status=status, content_type="text/plain")
    messages.error(request, error.message)
    return redirect(f"{url}#comments")


def _parent_id(request: HttpRequest) -> int | None | str:
    raw = request.POST.get("parent", "").strip()
    if not raw:
        return None
    number = small_number(raw)
    return "bad" if number is None else number


@require_POST
def comment_post(request: HttpRequest, page_id: int) -> HttpResponse:
    page = _page(page_id)
    parent_id = _parent_id(request)
    if parent_id == "bad":
        return HttpResponseBadRequest(_("The comment you replied to no longer exists."))
    try:
        comment = services.comment_create(
            page=page,
            author=request.user,
            text=request.POST.get("text", ""),
            parent_id=parent_id,
        )
    except DialogueRefused as error:
        return _refused(request, page, error)
    message = (
        _("Your reply is published.") if parent_id else _("Your comment is published.")
    )
    return _done(request, page, message, anchor=f"comment-{comment.pk}")


def _on_comment(
    request: HttpRequest, pk: int, action, message: str, *, anchored: bool = True
) -> HttpResponse:
    """Run ``action(comment)`` on one comment, then answer with ``message``
    (or the service's refusal) back at the comment, or at the area."""
    comment = _comment(pk)
    try:
        action(comment)
    except DialogueRefused as error:
        return _refused(request, comment.page, error)
    anchor = f"comment-{pk}" if anchored else "comments"
    return _done(request, comment.page, message, anchor=anchor)


@require_POST
def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    text = request.POST.get("text", "")
    return _on_comment(
        request,
        pk,
        lambda comment: services.comment_edit(
            comment=comment, user=request.user, text=text
        ),
        _("The comment is changed."),
    )


@require_POST
def comment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_comment(
        request,
        pk,
        lambda comment: services.comment_delete(comment=comment, user=request.user),
        _("The comment is deleted."),
        anchored=False,
    )


@require_POST
def comment_report(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_comment(
        request,
        pk,
        lambda comment: services.comment_report(comment=comment, user=request.user),
        _("Thank you. The editors will look at the comment."),
    )


@require_POST
def comment_hide(request: HttpRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _on_comment(
        request,
        pk,
        lambda comment: services.comment_hide(
            comment=comment, user=request.user, reason=reason
        ),
        _("The comment is hidden."),
    )


@require_POST
def comment_unhide(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_comment(
        request,
        pk,
        lambda comment: services.comment_unhide(comment=comment, user=request.user),
        _("The comment is shown again."),
    )


@require_POST
def reaction_toggle(request: HttpRequest, page_id: int) -> HttpResponse:
    page = _page(page_id)
    kind = request.POST.get("kind", "")
    if kind not in ReactionKind.values:
        message = _("That reaction does not exist.")
        if _wants_json(request):
            return JsonResponse({"ok": False, "message": message}, status=400)
        return HttpResponseBadRequest(message, content_type="text/plain")
    try:
        added = services.reaction_toggle(page=page, user=request.user, kind=kind)
    except DialogueRefused as error:
        return _refused(request, page, error)
    label = ReactionKind(kind).label
    message = (
        _("You reacted “%(label)s”.") if added else _("You took back “%(label)s”.")
    ) % {"label": label}
    if _wants_json(request):
        reactions = selectors.reaction_counts(page=page, user=request.user)
        return JsonResponse(
            {
                "ok": True,
                "message": message,
                "reactions": [
                    {"kind": r.kind, "count": r.count, "mine": r.mine}
                    for r in reactions
                ],
            }
        )
    messages.success(request, message)
    return redirect(f"{page.get_url(request) or '/'}#reactions")


@require_POST
def comments_toggle(request: HttpRequest, page_id: int) -> HttpResponse:
    page = _page(page_id)
    closed = request.POST.get("closed") == "1"
    try:
        services.comments_set_closed(page=page, user=request.user, closed=closed)
    except DialogueRefused as error:
        return _refused(request, page, error)
    message = (
        _("Comments are turned off for this story.")
        if closed
        else _("Comments are turned on again.")
    )
    return _done(request, page, message)
