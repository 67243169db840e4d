"""Writes for the composer, through the same services and Wagtail revisions as
the admin: history, moderation, indexing, notifications and promotion follow
from Wagtail's own publish, exactly as when a page is published in the editor.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.images import get_image_model
from wagtail.models import Page

from cases.models import CaseIndexPage, CasePage, CaseUpdatePage
from cases.review import author_may_publish
from cases.services import case_create, case_update_create, case_update_submit
from intranet.composer.models import Submission
from intranet.core.images import image_permission_policy
from intranet.core.markup import body_from_text, composer_can_edit
from news.models import NewsIndexPage, NewsPage
from news.services import news_article_create


class StaleEdit(Exception):
    """Someone saved the story after the person opened it."""


class AlreadySubmitted(Exception):
    """The form was sent before (a double-click); `page` is what it made."""

    def __init__(self, page: Page | None) -> None:
        super().__init__("This form was already sent.")
        self.page = page


@dataclass(frozen=True)
class StoryContent:
    """What the composer writes on a story, from its cleaned form."""

    title: str
    intro: str
    text: str | None  # None: the body is richer than the composer, keep it
    hero_image: object | None
    hero_image_alt: str
    topics: list
    target_units: list
    positioning_themes: list[str]
    nomination_text: str

    @classmethod
    def from_form(cls, data: dict, *, picture=None) -> StoryContent:
        image = picture or data.get("picture_choice")
        return cls(
            title=data["title"],
            intro=data["intro"],
            text=data.get("text"),
            hero_image=image,
            hero_image_alt=(data.get("picture_alt") or "").strip() if image else "",
            topics=list(data.get("topics") or []),
            target_units=list(data.get("target_units") or []),
            positioning_themes=list(data.get("positioning_themes") or []),
            nomination_text=(data.get("nomination_text") or "").strip(),
        )

    def page_fields(self) -> dict:
        fields = {
            "title": self.title,
            "intro": self.intro,
            "hero_image": self.hero_image,
            "hero_image_alt": self.hero_image_alt,
            "positioning_themes": self.positioning_themes,
            "nomination_text": self.nomination_text,
        }
        if self.text is not None:
            fields["body"] = body_from_text(self.text)
        return fields


def composer_picture_create(*, user: AbstractBaseUser, file, title: str):
    """Save an uploaded picture in the first collection the person may add to,
    as Wagtail's own upload does, so it is theirs to choose again."""
    collection = (
        image_permission_policy()
        .collections_user_has_permission_for(user, "add")
        .order_by("path")
        .first()
    )
    image = get_image_model()(
        title=(title or file.name)[:255],
        file=file,
        collection=collection,
        uploaded_by_user=user,
    )
    image._set_image_file_metadata()
    image.save()
    return image


def _claim(*, token: uuid.UUID, user: AbstractBaseUser) -> Submission:
    """Record this sending of the form, or refuse a second one."""
    try:
        with transaction.atomic():
            return Submission.objects.create(token=token, user=user)
    except IntegrityError:
        earlier = Submission.objects.select_related("page").filter(token=token).first()
        raise AlreadySubmitted(earlier.page if earlier else None) from None


@transaction.atomic
def composer_update_create(
    *,
    case: CasePage,
    author: AbstractBaseUser,
    content: StoryContent,
    publication_date,
    publish: bool,
    token: uuid.UUID,
) -> CaseUpdatePage:
    """A new update under `case`, published or kept as a draft."""
    submission = _claim(token=token, user=author)
    update = case_update_create(
        case=case,
        title=content.title,
        intro=content.intro,
        author=author,
        publication_date=publication_date,
        publish=publish,
        body=body_from_text(content.text or ""),
        unit=case.unit,
        topics=content.topics,
        target_units=content.target_units,
        hero_image=content.hero_image,
        hero_image_alt=content.hero_image_alt,
        positioning_themes=content.positioning_themes,
        nomination_text=content.nomination_text,
    )
    submission.page = update
    submission.save(update_fields=["page"])
    return update


@transaction.atomic
def composer_news_create(
    *,
    index: NewsIndexPage,
    author: AbstractBaseUser,
    content: StoryContent,
    publication_date,
    publish: bool,
    token: uuid.UUID,
    important_until=None,
) -> NewsPage:
    """A news item in the news listing, from the author's unit, published or
    kept as a draft; with `important_until` it is pinned until that day."""
    submission = _claim(token=token, user=author)
    profile = getattr(author, "profile", None)
    article = news_article_create(
        index=index,
        title=content.title,
        intro=content.intro,
        owner=author,
        date=timezone.localdate(publication_date),
        body=body_from_text(content.text or ""),
        unit=getattr(profile, "unit", None),
        topics=content.topics,
        target_units=content.target_units,
        hero_image=content.hero_image,
        hero_image_alt=content.hero_image_alt,
        positioning_themes=content.positioning_themes,
        nomination_text=content.nomination_text,
        important_until=important_until,
        publish=publish,
    )
    submission.page = article
    submission.save(update_fields=["page"])
    return article


def story_date_value(page, when):
    """`when` as the story's own date field holds it (a time, or a day)."""
    field = page._meta.get_field(page.story_date_field)
    if isinstance(field, models.DateTimeField):
        return when
    return timezone.localdate(when)


@transaction.atomic
def composer_case_create(
    *,
    index: CaseIndexPage,
    creator: AbstractBaseUser,
    fields: dict,
    planned_measures: list[dict],
    publish: bool,
    token: uuid.UUID,
) -> CasePage:
    """A new case under `index`, published or kept as a draft, made by
    `cases.services.case_create` exactly as the admin and the demo data make it.

    `fields` are `case_create`'s (title, summary, owners, unit, status, dates,
    topics, the communication assessment). A case the page rules refuse raises
    `ValidationError` and leaves nothing behind.
    """
    submission = _claim(token=token, user=creator)
    case = case_create(
        index=index,
        planned_measures=planned_measures,
        publish=publish,
        **fields,
    )
    submission.page = case
    submission.save(update_fields=["page"])
    return case


@transaction.atomic
def composer_story_edit(
    *,
    page: Page,
    user: AbstractBaseUser,
    content: StoryContent,
    publication_date,
    base_revision_id: int | None,
    publish: bool,
    token: uuid.UUID,
    extra_fields: dict | None = None,
) -> Page:
    """Save the person's changes as a new revision of `page` (and publish it),
    unless someone else saved in between (`StaleEdit`)."""
    submission = _claim(token=token, user=user)
    locked = Page.objects.select_for_update().get(pk=page.pk)
    if locked.latest_revision_id != base_revision_id:
        raise StaleEdit
    latest = page.specific.get_latest_revision_as_object()
    fields = content.page_fields()
    if "body" in fields and not composer_can_edit(latest.body):
        # The body changed in the editor into something the composer cannot
        # show; keep it rather than flatten it.
        del fields["body"]
    for name, value in fields.items():
        setattr(latest, name, value)
    for name, value in (extra_fields or {}).items():
        setattr(latest, name, value)
    latest.topics.set(content.topics)
    latest.target_units.set(content.target_units)
    if publication_date is not None:
        setattr(
            latest,
            latest.story_date_field,
            story_date_value(latest, publication_date),
        )
    if publish and needs_review(page=latest, user=user):
        case_update_submit(update=latest, user=user)
    else:
        revision = latest.save_revision(user=user, clean=publish)
        if publish:
            revision.publish(user=user)
    submission.page = page
    submission.save(update_fields=["page"])
    return Page.objects.get(pk=page.pk).specific


def needs_review(*, page: Page, user: AbstractBaseUser) -> bool:
    """Does publishing `page` mean sending it for approval (`cases.review`)?"""
    return isinstance(page, CaseUpdatePage) and not author_may_publish(
        update=page, user=user
    )


def composer_story_unpublish(*, page: Page, user: AbstractBaseUser) -> Page:
    """Take the story off the intranet, with Wagtail's permission check and log."""
    UnpublishPageAction(page, user=user).execute()
    page.refresh_from_db()
    return page
