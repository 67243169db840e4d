"""Writes for the promotion pipeline: candidates, edits and status changes."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Page

from intranet.core.models import is_story
from intranet.core.roles import COMMUNICATION
from intranet.core.text import single_line
from intranet.promotion.models import (
    ALLOWED_TRANSITIONS,
    Promotion,
    PromotionEvent,
    PromotionStatus,
)
from intranet.subscriptions.models import NotificationKind
from intranet.subscriptions.services import notifications_send


class StaleEdit(ValidationError):
    """Someone else saved the promotion after this edit was started."""


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
        raise ValidationError(
            _("Only stories, such as news articles and case updates, can be promoted.")
        )
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
    transition, a rejection or a withdrawal of a published promotion without a
    reason, or an approval that lacks external text or a needed rights/consent
    confirmation. Every change is logged as a PromotionEvent with who and why.
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
    if (
        from_status == PromotionStatus.PUBLISHED
        and to_status == PromotionStatus.WITHDRAWN
        and not comment.strip()
    ):
        raise ValidationError(
            _("Give a reason for taking back a promotion that was published.")
        )
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


# A story leaving the intranet takes its promotion out only while the team is
# still working on it; a decision already taken (published outside, rejected,
# withdrawn) stays as the record of what happened.
WITHDRAW_ON_UNPUBLISH = (
    PromotionStatus.CANDIDATE,
    PromotionStatus.SHORTLISTED,
    PromotionStatus.APPROVED,
)


def promotion_withdraw_for_page(*, page: Page) -> Promotion | None:
    """The story was unpublished: take a promotion still in the pipeline out
    and tell the communication team through the notification outbox.

    Never raises for any status, so unpublishing (single, bulk or scheduled
    expiry) always succeeds.
    """
    promotion = Promotion.objects.filter(
        page_id=page.pk, status__in=WITHDRAW_ON_UNPUBLISH
    ).first()
    if promotion is None:
        return None
    title = single_line(page.title)
    with transaction.atomic():
        promotion = promotion_transition(
            promotion=promotion,
            to_status=PromotionStatus.WITHDRAWN,
            user=None,
            comment=_("The story was unpublished."),
        )
        _notify_team(
            # One message per withdrawal: the event just logged names it.
            key=f"promotion-withdrawn-{promotion.events.first().pk}",
            title=_("Promotion withdrawn: %(title)s") % {"title": title},
            intro=_(
                "The story “%(title)s” was unpublished, so its promotion was withdrawn."
            )
            % {"title": title},
            url=reverse("promotion_admin:detail", args=[promotion.pk]),
        )
    return promotion


def _notify_team(*, key: str, title: str, intro: str, url: str) -> int:
    """Tell the communication team (or, with no team, the superusers) through
    the outbox, so a mail server outage delays the message instead of losing
    it or failing the caller."""
    users = get_user_model().objects.filter(is_active=True)
    recipients = list(
        users.filter(groups__name=COMMUNICATION).values_list("pk", flat=True)
    ) or list(users.filter(is_superuser=True).values_list("pk", flat=True))
    return notifications_send(
        user_ids=recipients,
        kind=NotificationKind.PROMOTION,
        key=key,
        title=title,
        url=url,
        intro=intro,
    )


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
