"""Writes for the promotion pipeline: candidates, edits and status changes."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import mail_managers, send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Page

from intranet.core.roles import COMMUNICATION
from intranet.promotion.models import (
    ALLOWED_TRANSITIONS,
    Promotion,
    PromotionEvent,
    PromotionStatus,
)

STORY_MODELS = ("news.newspage", "cases.caseupdatepage")


class StaleEdit(ValidationError):
    """Someone else saved the promotion after this edit was started."""


def story_models() -> list[type[Page]]:
    return [apps.get_model(label) for label in STORY_MODELS]


def is_story(page: Page) -> bool:
    meta = page.specific_class._meta
    return f"{meta.app_label}.{meta.model_name}" in STORY_MODELS


def _log(
    *,
    promotion: Promotion,
    user: AbstractBaseUser | None,
    from_status: str,
    to_status: str,
    comment: str = "",
) -> None:
    PromotionEvent.objects.create(
        promotion=promotion,
        user=user if user and user.is_authenticated else None,
        from_status=from_status,
        to_status=to_status,
        comment=comment,
    )


def promotion_create(
    *, page: Page, user: AbstractBaseUser | None = None, comment: str = ""
) -> Promotion:
    """Put a story in the team's queue as a candidate (once per story).

    The external version starts from the story's title, intro and image so the
    team edits rather than retypes. Returns the existing promotion if any.
    """
    if not is_story(page):
        raise ValidationError(_("Only news articles and case updates can be promoted."))
    story = page.specific
    with transaction.atomic():
        promotion, created = Promotion.objects.get_or_create(
            page=page,
            defaults={
                "themes": ",".join(story.positioning_themes),
                "unit": story.unit,
                "external_title": story.title,
                "external_lead": story.intro,
                "image": story.hero_image,
                "image_alt": story.hero_image_alt,
            },
        )
        if created:
            _log(
                promotion=promotion,
                user=user,
                from_status="",
                to_status=PromotionStatus.CANDIDATE,
                comment=comment,
            )
    return promotion


def promotion_transition(
    *,
    promotion: Promotion,
    to_status: str,
    user: AbstractBaseUser | None,
    comment: str = "",
) -> Promotion:
    """Move a promotion to another status, checking the workflow rules.

    Raises ValidationError (Norwegian message through gettext) for an illegal
    transition, a rejection without a reason, or an approval that lacks
    external text or a needed rights/consent confirmation.
    """
    from_status = promotion.status
    if to_status not in ALLOWED_TRANSITIONS.get(from_status, ()):
        raise ValidationError(
            _("A promotion cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": PromotionStatus(from_status).label,
                "to": PromotionStatus(to_status).label
                if to_status in PromotionStatus.values
                else to_status,
            }
        )
    if to_status == PromotionStatus.REJECTED:
        if not comment.strip():
            raise ValidationError(_("Give a reason for the rejection."))
        promotion.rejection_reason = comment.strip()
    if to_status in (PromotionStatus.APPROVED, PromotionStatus.PUBLISHED):
        errors = []
        if not promotion.external_title.strip():
            errors.append(_("Write an external title before approving."))
        if not strip_tags(promotion.external_body).strip() and not (
            promotion.external_lead.strip()
        ):
            errors.append(_("Write an external text before approving."))
        if promotion.needs_rights_confirmation and not promotion.rights_confirmed:
            errors.append(_("Confirm image rights and consent before approving."))
        if promotion.image_id and not promotion.image_alt.strip():
            errors.append(_("Write an alternative text for the image."))
        if errors:
            raise ValidationError(errors)
    if to_status == PromotionStatus.PUBLISHED:
        if not promotion.external_url_list:
            raise ValidationError(
                _("Record the address where it was published externally.")
            )
        promotion.published_externally_at = timezone.now()
    if to_status == PromotionStatus.CANDIDATE:
        promotion.rejection_reason = ""
    with transaction.atomic():
        promotion.status = to_status
        promotion.version = F("version") + 1
        promotion.save()
        promotion.refresh_from_db()
        _log(
            promotion=promotion,
            user=user,
            from_status=from_status,
            to_status=to_status,
            comment=comment,
        )
    return promotion


def promotion_update(
    *,
    promotion: Promotion,
    version: int,
    **fields,
) -> Promotion:
    """Save edits to the external version, unless someone saved in between.

    `version` is the version the editor started from; if the stored version
    moved on, StaleEdit is raised and nothing is written.
    """
    for name, value in fields.items():
        setattr(promotion, name, value)
    with transaction.atomic():
        updated = Promotion.objects.filter(pk=promotion.pk, version=version).update(
            version=F("version") + 1,
            **{name: getattr(promotion, name) for name in fields},
            updated_at=timezone.now(),
        )
        if not updated:
            raise StaleEdit(
                _(
                    "Someone else saved this promotion while you were editing. "
                    "Your changes were not saved; copy them, reload and try again."
                )
            )
    promotion.refresh_from_db()
    return promotion


def promotion_withdraw_for_page(*, page: Page) -> Promotion | None:
    """The story was unpublished: take a not-yet-published promotion out and
    tell the communication team. A promotion already published outside stays."""
    promotion = Promotion.objects.filter(page_id=page.pk).first()
    if promotion is None or promotion.status in (
        PromotionStatus.PUBLISHED,
        PromotionStatus.WITHDRAWN,
    ):
        return None
    promotion = promotion_transition(
        promotion=promotion,
        to_status=PromotionStatus.WITHDRAWN,
        user=None,
        comment=_("The story was unpublished."),
    )
    _notify_team(
        subject=_("Promotion withdrawn: %(title)s") % {"title": page.title},
        message=_(
            "The story “%(title)s” was unpublished, so its promotion was withdrawn."
        )
        % {"title": page.title},
    )
    return promotion


def _notify_team(*, subject: str, message: str) -> None:
    recipients = list(
        get_user_model()
        .objects.filter(groups__name=COMMUNICATION, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if recipients:
        send_mail(subject, message, None, recipients, fail_silently=True)
    else:
        mail_managers(subject, message, fail_silently=True)


def promotion_story_published(*, page: Page) -> Promotion | None:
    """A published story with a positioning theme becomes a candidate;
    re-publishing a withdrawn one puts it back in the queue. A story scheduled
    for later is not live yet: it comes when it goes live."""
    if not is_story(page) or not page.live:
        return None
    story = page.specific
    existing = Promotion.objects.filter(page_id=page.pk).first()
    if existing is not None:
        Promotion.objects.filter(pk=existing.pk).update(
            themes=",".join(story.positioning_themes), unit=story.unit
        )
        existing.refresh_from_db()
        if existing.status == PromotionStatus.WITHDRAWN and story.positioning_themes:
            return promotion_transition(
                promotion=existing,
                to_status=PromotionStatus.CANDIDATE,
                user=None,
                comment=_("The story was published again."),
            )
        return existing
    if not story.positioning_themes:
        return None
    return promotion_create(page=page, comment=_("Published with a positioning theme."))
