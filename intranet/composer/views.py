"""The composer: write, preview, publish, edit and unpublish a story on one
screen, with the same rights as in the admin (Wagtail's page permission
testers decide, see `cases.permissions`).

A person whose session ran out while typing does not lose the text (see
`intranet.composer.rescue`).
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from cases.models import CasePage, CaseUpdatePage
from cases.review import review_state, reviewers
from intranet.composer.forms import NO, YES, NewsForm, StoryForm, typed_data
from intranet.composer.hooks import published_notes
from intranet.composer.rescue import signed_in, typed_text
from intranet.composer.services import (
    AlreadySubmitted,
    StaleEdit,
    StoryContent,
    composer_news_create,
    composer_picture_create,
    composer_story_edit,
    composer_story_unpublish,
    composer_update_create,
    needs_review,
    story_date_value,
)
from intranet.core.markup import composer_can_edit, text_from_body
from intranet.core.models import PositioningTheme, is_story
from news.models import NewsIndexPage, NewsPage

PUBLISH, PREVIEW, DRAFT = "publish", "preview", "draft"
_signed_in = signed_in(keep=typed_data)


def _story_date(page) -> datetime.datetime | None:
    value = getattr(page, page.story_date_field, None)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value)
    if isinstance(value, datetime.date):
        # A day without a time: shown as nine o'clock, or as now on a day whose
        # nine o'clock is still ahead (the form refuses a time in the future).
        nine = timezone.make_aware(datetime.datetime.combine(value, datetime.time(9)))
        return min(nine, timezone.localtime())
    return None


def _initial_from(page) -> dict:
    """The composer's fields for the story's latest revision."""
    initial = {
        "title": page.title,
        "intro": page.intro,
        "picture_choice": page.hero_image_id,
        "picture_alt": page.hero_image_alt,
        "topics": [topic.pk for topic in page.topics.all()],
        "target_units": [unit.pk for unit in page.target_units.all()],
        "shows_example": YES if page.positioning_themes else NO,
        "positioning_themes": page.positioning_themes,
        "nomination_text": page.nomination_text,
        "publication_date": _story_date(page),
        "base_revision": page.latest_revision_id,
    }
    if composer_can_edit(page.body):
        initial["text"] = text_from_body(page.body)
    if isinstance(page, NewsPage):
        initial["important_until"] = page.important_until if page.important else None
    return initial


def _form_class(page) -> type[StoryForm]:
    return NewsForm if isinstance(page, NewsPage) else StoryForm


def _preview(form: StoryForm, page) -> object:
    """An unsaved copy of the story with the form's content, to show it."""
    data = form.cleaned_data
    content = StoryContent.from_form(data)
    for name, value in content.page_fields().items():
        setattr(page, name, value)
    if data.get("publication_date"):
        setattr(
            page,
            page.story_date_field,
            story_date_value(page, data["publication_date"]),
        )
    return page


def _compose(
    request: HttpRequest,
    *,
    target,
    page=None,
    initial: dict,
    can_publish: bool,
    save,
    needs_review: bool = False,
    text_editable: bool = True,
    form_class: type[StoryForm] = StoryForm,
    template: str = "composer/compose.html",
) -> HttpResponse:
    """The composer's request cycle, shared by new and existing stories.

    `save(content, publication_date, publish, form)` writes and returns the page.
    """
    context = {
        "target": target,
        "page": page,
        "can_publish": can_publish,
        "needs_review": needs_review,
        "review": review_state(update=page) if needs_review and page else None,
        "text_editable": text_editable,
        "preview": None,
    }
    user = request.user
    if request.method != "POST":
        typed = typed_text(request)
        if typed:
            messages.info(
                request,
                _(
                    "You were logged out while writing. Your text is kept below: "
                    "check it and send it again. A picture must be chosen again."
                ),
            )
            initial = {**initial, **typed}
        form = form_class(user=user, initial=initial, text_editable=text_editable)
        return render(request, template, {**context, "form": form})

    action = request.POST.get("action")
    if action not in (PUBLISH, PREVIEW, DRAFT):
        action = DRAFT if not can_publish else PREVIEW
    if action == PUBLISH and not can_publish:
        raise PermissionDenied
    form = form_class(
        request.POST,
        request.FILES,
        user=user,
        initial=initial,
        text_editable=text_editable,
    )
    valid = form.is_valid()
    picture = form.cleaned_data.get("picture") if "picture" not in form.errors else None
    if picture:
        # Keep an accepted picture even if another field needs fixing, so
        # nobody has to choose it again; it is chosen in the new form.
        image = composer_picture_create(
            user=user, file=picture, title=form.cleaned_data.get("title", "")
        )
        data = request.POST.copy()
        data["picture_choice"] = str(image.pk)
        form = form_class(data, user=user, initial=initial, text_editable=text_editable)
        valid = form.is_valid()
    if valid and action == PREVIEW:
        context["preview"] = _preview(
            form, page.get_latest_revision_as_object() if page else target.preview_of()
        )
    elif valid:
        content = StoryContent.from_form(form.cleaned_data)
        try:
            saved = save(
                content,
                form.cleaned_data["publication_date"],
                action == PUBLISH,
                form,
            )
        except AlreadySubmitted as sent:
            if sent.page is None:
                raise PermissionDenied from None
            return _after_save(request, sent.page.specific)
        except StaleEdit:
            form.add_error(
                None,
                _(
                    "Someone else saved this story after you opened it. Nothing was "
                    "saved. Copy your text, open the story again and add your "
                    "changes."
                ),
            )
            return render(request, template, {**context, "form": form}, status=409)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            if action == PUBLISH and needs_review:
                messages.success(request, _review_sent_message(saved))
            elif action == PUBLISH:
                messages.success(request, _("Published. This is how it looks now."))
                for note in published_notes(request, saved):
                    messages.info(request, note)
            else:
                messages.success(
                    request, _("The draft is saved. It is not published yet.")
                )
            return _after_save(request, saved)
    return render(request, template, {**context, "form": form})


def _review_sent_message(update) -> str:
    """What the author is told after "Send for approval": who approves."""
    who = reviewers(update=update)
    if who.fallback:
        return _(
            "Sent for approval. The unit leader is no longer here – the "
            "communication team approves. It is not published yet."
        )
    return _("Sent for approval to %(names)s. It is not published yet.") % {
        "names": who.names or _("the communication team")
    }


def _after_save(request: HttpRequest, page) -> HttpResponse:
    """A published story is shown; a draft opens again in the composer."""
    if page.live and not page.has_unpublished_changes:
        return HttpResponseRedirect(page.get_url(request))
    return HttpResponseRedirect(reverse("composer:edit", args=(page.pk,)))


class _NewUpdate:
    """Stands for the update not written yet (what the template shows of it)."""

    def __init__(self, case: CasePage) -> None:
        self.case = case

    def preview_of(self) -> CaseUpdatePage:
        update = CaseUpdatePage(publication_date=timezone.now())
        update.case = self.case
        return update


@_signed_in
@require_http_methods(["GET", "POST"])
def update_new(request: HttpRequest, case_id: int) -> HttpResponse:
    """A new update on a case, for its owners and the communication team."""
    case = get_object_or_404(CasePage, pk=case_id)
    perms = case.permissions_for_user(request.user)
    if not perms.can_add_subpage():
        raise PermissionDenied

    def save(content, publication_date, publish, form):
        return composer_update_create(
            case=case,
            author=request.user,
            content=content,
            publication_date=publication_date,
            publish=publish,
            token=form.cleaned_data["submission"],
        )

    return _compose(
        request,
        target=_NewUpdate(case),
        initial={"topics": [topic.pk for topic in case.topics.all()]},
        can_publish=perms.can_publish_subpage(),
        save=save,
        needs_review=needs_review(
            page=CaseUpdatePage(unit_id=case.unit_id), user=request.user
        ),
    )


class _NewNews:
    """Stands for the news item not written yet."""

    case = None
    is_news = True

    def preview_of(self) -> NewsPage:
        return NewsPage(date=timezone.localdate())


@_signed_in
@require_http_methods(["GET", "POST"])
def news_new(request: HttpRequest) -> HttpResponse:
    """A news item, for the editors and the communication team."""
    index = NewsIndexPage.objects.live().order_by("path").first()
    if index is None:
        raise Http404
    perms = index.permissions_for_user(request.user)
    if not perms.can_add_subpage():
        raise PermissionDenied

    def save(content, publication_date, publish, form):
        return composer_news_create(
            index=index,
            author=request.user,
            content=content,
            publication_date=publication_date,
            publish=publish,
            token=form.cleaned_data["submission"],
            important_until=form.cleaned_data.get("important_until"),
        )

    return _compose(
        request,
        target=_NewNews(),
        initial={},
        can_publish=perms.can_publish_subpage(),
        save=save,
        form_class=NewsForm,
    )


def _story_or_404(page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if not is_story(page):
        raise Http404
    return page


@_signed_in
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, page_id: int) -> HttpResponse:
    """Change a story (or a draft of one) and publish it again."""
    page = _story_or_404(page_id)
    perms = page.permissions_for_user(request.user)
    if not perms.can_edit():
        raise PermissionDenied
    if perms.page_locked():
        messages.error(
            request,
            _("The story is locked by the communication team and cannot be changed."),
        )
        return HttpResponseRedirect(page.get_url(request) or "/")
    latest = page.get_latest_revision_as_object()
    text_editable = composer_can_edit(latest.body)
    initial = _initial_from(latest)
    theme = request.GET.get("tema")
    if theme in PositioningTheme.values and not latest.positioning_themes:
        # "Mark it" from the question after publishing (or the team's
        # notification): the theme is chosen, the author writes why.
        initial.update(shows_example=YES, positioning_themes=[theme])

    def save(content, publication_date, publish, form):
        return composer_story_edit(
            page=page,
            user=request.user,
            content=content,
            publication_date=publication_date,
            base_revision_id=form.cleaned_data.get("base_revision"),
            publish=publish,
            token=form.cleaned_data["submission"],
            extra_fields=form.extra_page_fields(),
        )

    return _compose(
        request,
        target=page,
        page=page,
        initial=initial,
        can_publish=perms.can_publish(),
        save=save,
        needs_review=needs_review(page=page, user=request.user),
        text_editable=text_editable,
        form_class=_form_class(page),
    )


@_signed_in
@require_http_methods(["GET", "POST"])
def unpublish(request: HttpRequest, page_id: int) -> HttpResponse:
    """Take one's story off the intranet (after a confirmation)."""
    page = _story_or_404(page_id)
    if not page.permissions_for_user(request.user).can_unpublish():
        raise PermissionDenied
    if not page.live:
        messages.info(request, _("The story is not published."))
        return HttpResponseRedirect(reverse("composer:edit", args=(page.pk,)))
    if request.method == "POST":
        composer_story_unpublish(page=page, user=request.user)
        messages.success(
            request,
            _("“%(title)s” is unpublished and kept as a draft.")
            % {"title": page.title},
        )
        parent = page.get_parent().specific
        return HttpResponseRedirect(parent.get_url(request) or "/")
    return render(request, "composer/unpublish.html", {"page": page})
