"""Writes for the promotion pipeline: candidates, edits and status changes,
the positioning radar's training, scores and the team's answers to it, and
sharing: the suggested texts and the count of clicks on shared links."""

import datetime
import logging
import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from intranet.core.models import PositioningTheme, is_story
from intranet.core.roles import COMMUNICATION
from intranet.core.text import single_line
from intranet.promotion import radar, selectors
from intranet.promotion.models import (
    ALLOWED_TRANSITIONS,
    PUBLIC_STATUSES,
    Promotion,
    PromotionEvent,
    PromotionStatus,
    RadarDismissal,
    RadarModel,
    RadarScore,
    ShareChannel,
    ShareClick,
    ShareText,
    validate_share_text,
)
from intranet.subscriptions.models import NotificationKind
from intranet.subscriptions.services import notifications_send
from search.documents import SearchDocument, document_for_page, documents_for_pages

logger = logging.getLogger(__name__)


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


# What the author of a radar suggestion the team took is told, per theme:
# the notification's title and text.
RADAR_ASK = {
    PositioningTheme.INNOVATION: (
        gettext_lazy("“%(title)s” may be an example of innovation"),
        gettext_lazy(
            "The communication team would like to show your story outside the "
            "intranet as an example of innovation. Tell them why: mark it as "
            "innovation and write a sentence or two about what it shows."
        ),
    ),
    PositioningTheme.COMPETENCE: (
        gettext_lazy("“%(title)s” may be an example of competence"),
        gettext_lazy(
            "The communication team would like to show your story outside the "
            "intranet as an example of competence. Tell them why: mark it as "
            "competence and write a sentence or two about what it shows."
        ),
    ),
}


def _radar_text(document: SearchDocument) -> str:
    """What the radar reads of a story: its own words as search has them
    (title, intro, body, tags), never its comments or who read it."""
    return "\n".join([document.title, document.intro, document.body, *document.tags])


class _LoadedWeights:
    """The newest model's weights, read once per process and training."""

    key: tuple | None = None
    weights: radar.RadarWeights | None = None


def radar_weights() -> radar.RadarWeights | None:
    """The newest trained radar, or None when there is none or its weights
    cannot be read (then nothing is scored and the board says the radar is
    not trained). One query when the weights were read before."""
    latest = RadarModel.objects.values_list("pk", "trained_at").first()
    if latest is None:
        return None
    if _LoadedWeights.key != latest:
        blob = (
            RadarModel.objects.filter(pk=latest[0])
            .values_list("weights", flat=True)
            .first()
        )
        try:
            weights = radar.RadarWeights.from_bytes(blob)
        except radar.RadarModelError as error:
            logger.warning("The radar's stored weights cannot be read: %s", error)
            weights = None
        _LoadedWeights.key, _LoadedWeights.weights = latest, weights
    return _LoadedWeights.weights


def _score_fields(reading: radar.Reading, *, now) -> dict | None:
    best = reading.best
    if best is None:
        return None
    return {
        "theme": best[0],
        "score": best[1],
        "scores": {theme: round(value, 4) for theme, value in reading.scores.items()},
        "words": reading.words,
        "scored_at": now,
    }


def radar_train(*, log: Callable[[str], None] = lambda message: None) -> RadarModel:
    """Train the radar on every live story and score those without a theme.

    A story with a theme is an example of it, unless the team dismissed it on
    the board or rejected its promotion; every other story is an example of
    neither. The stories to score (live, no theme, not turned down) are each
    scored by a model fitted without them (`radar.cross_readings`); stories
    published later are scored by the model fitted on all, which is stored.
    Scores of stories no longer to be scored are removed.

    Raises radar.NotEnoughExamples (the stored model and scores stay) when no
    theme has enough stories to learn from.
    """
    started = time.monotonic()
    rows = selectors.radar_stories()
    turned_down = selectors.radar_turned_down()
    themes_of = dict(rows)
    log(f"Reading {len(rows)} live stories")
    ids: list[int] = []
    stories: list[list[tuple[str, str]]] = []
    for page_id, document in documents_for_pages(themes_of):
        if document is None:  # not findable at all (a password, say)
            continue
        ids.append(page_id)
        stories.append(radar.terms(_radar_text(document)))
        if len(ids) % 1000 == 0:
            log(f"  {len(ids)} read")
    labels = {
        theme: [theme in themes_of[pk] and pk not in turned_down for pk in ids]
        for theme in PositioningTheme.values
    }
    log(
        "Examples: "
        + ", ".join(f"{theme} {sum(flags)}" for theme, flags in labels.items())
        + f"; turned down by the team: {len(turned_down & set(ids))}"
    )
    weights = radar.fit([[term for term, _word in pairs] for pairs in stories], labels)
    labels = {theme: labels[theme] for theme in weights.themes}
    wanted = [
        index
        for index, pk in enumerate(ids)
        if not themes_of[pk] and pk not in turned_down
    ]
    log(f"Scoring {len(wanted)} stories without a theme")
    readings = radar.cross_readings(stories, labels, wanted=wanted)
    now = timezone.now()
    scores = [
        RadarScore(page_id=ids[index], **fields)
        for index, reading in readings.items()
        if (fields := _score_fields(reading, now=now)) is not None
    ]
    with transaction.atomic():
        model = RadarModel.objects.create(
            trained_at=now,
            weights=weights.to_bytes(),
            stories=len(ids),
            examples={theme: sum(flags) for theme, flags in labels.items()},
            turned_down=len(turned_down & set(ids)),
            seconds=round(time.monotonic() - started, 2),
        )
        RadarModel.objects.exclude(pk=model.pk).delete()
        RadarScore.objects.bulk_create(
            scores,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["page"],
            update_fields=["theme", "score", "scores", "words", "scored_at"],
        )
        # Everything scored before this training and not again is stale (a
        # story themed, unpublished or dismissed since); a story published
        # while this ran keeps its newer score.
        RadarScore.objects.filter(scored_at__lt=now).delete()
    log(f"Trained and scored in {model.seconds:.1f} s")
    return model


def radar_forget(*, page_id: int) -> None:
    """The story left what the radar scores (unpublished, say)."""
    RadarScore.objects.filter(page_id=page_id).delete()


def radar_score_story(*, page: Page) -> RadarScore | None:
    """Score a story that was just published, if it is live, without a theme
    and not dismissed; otherwise forget its score. Nothing when the radar is
    not trained. A few queries and a few milliseconds: publishing waits for it.
    """
    if not is_story(page):
        return None
    story = page.specific
    if (
        not story.live
        or story.positioning_themes
        or RadarDismissal.objects.filter(page_id=story.pk).exists()
    ):
        radar_forget(page_id=story.pk)
        return None
    weights = radar_weights()
    if weights is None:
        return None
    document = document_for_page(story)
    fields = (
        _score_fields(
            weights.read(radar.terms(_radar_text(document))), now=timezone.now()
        )
        if document is not None
        else None
    )
    if fields is None:
        radar_forget(page_id=story.pk)
        return None
    score, _created = RadarScore.objects.update_or_create(
        page_id=story.pk, defaults=fields
    )
    return score


def radar_mark_url(*, page: Page, theme: str) -> str:
    """Where the author marks the story with the theme (the composer, with
    the theme chosen and the "show, don't tell" part in view)."""
    query = urlencode({"tema": theme}) if theme in PositioningTheme.values else ""
    url = reverse("composer:edit", args=[page.pk])
    return f"{url}?{query}#eksempel" if query else f"{url}#eksempel"


def radar_make_candidate(*, page: Page, user: AbstractBaseUser) -> Promotion:
    """The team takes a radar suggestion into the pipeline as a candidate,
    and the story's owners are asked (through the outbox) to say why it is
    an example: to mark it and write the nomination text."""
    story = page.specific
    suggestion = RadarScore.objects.filter(page_id=page.pk).first()
    theme = suggestion.theme if suggestion else PositioningTheme.INNOVATION
    title_text, intro = RADAR_ASK.get(theme, RADAR_ASK[PositioningTheme.INNOVATION])
    with transaction.atomic():
        promotion = promotion_create(
            page=page,
            user=user,
            comment=_("Suggested by the positioning radar (%(theme)s, %(score)s %%).")
            % {
                "theme": PositioningTheme(theme).label,
                "score": suggestion.percent if suggestion else "–",
            },
        )
        notifications_send(
            user_ids=story.story_owner_ids(),
            kind=NotificationKind.PROMOTION,
            key=f"radar-candidate-{promotion.pk}",
            title=str(title_text) % {"title": single_line(page.title)},
            intro=str(intro),
            url=radar_mark_url(page=page, theme=theme),
            page_id=page.pk,
            actor_id=user.pk,
        )
    return promotion


def radar_dismiss(*, page: Page, user: AbstractBaseUser) -> RadarDismissal:
    """The team says a suggested story is no example: recorded once, never
    suggested again, and read as no example by the next training."""
    suggestion = RadarScore.objects.filter(page_id=page.pk).first()
    with transaction.atomic():
        dismissal, _created = RadarDismissal.objects.get_or_create(
            page_id=page.pk,
            defaults={
                "user": user if user.is_authenticated else None,
                "theme": suggestion.theme if suggestion else "",
                "score": suggestion.score if suggestion else None,
            },
        )
        radar_forget(page_id=page.pk)
    return dismissal


def share_texts_save(
    *, promotion: Promotion, texts: dict[str, str], user: AbstractBaseUser | None
) -> list[ShareText]:
    """Save the team's suggested texts for sharing an approved or published
    story, one per channel; an empty text removes the channel's suggestion.

    Raises ValidationError, keyed by channel, for a text over its channel's
    limit (nothing is saved then), and for a promotion that may not be shared.
    Channels not in ``texts`` are left as they are.
    """
    if promotion.status not in PUBLIC_STATUSES:
        raise ValidationError(
            _("Suggested texts are written once the promotion is approved.")
        )
    cleaned = {
        channel: text.replace("\r\n", "\n").strip()
        for channel, text in texts.items()
        if channel in ShareChannel.values
    }
    errors: dict[str, list[ValidationError]] = {}
    for channel, text in cleaned.items():
        try:
            validate_share_text(channel, text)
        except ValidationError as error:
            errors[channel] = [error]
    if errors:
        raise ValidationError(errors)
    author = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        for channel, text in cleaned.items():
            if not text:
                ShareText.objects.filter(promotion=promotion, channel=channel).delete()
                continue
            ShareText.objects.update_or_create(
                promotion=promotion,
                channel=channel,
                defaults={"text": text, "updated_by": author},
            )
    return list(promotion.share_texts.order_by("pk"))


def share_click_record(
    *, promotion: Promotion, channel: str, day: datetime.date | None = None
) -> None:
    """Count one click on a story's shared link for a channel, on the day's
    row. Nothing else is written: not who clicked, nor from where.

    No click is lost to another at the same moment: the count goes up in the
    database (``clicks = clicks + 1``), and when two first clicks of a day
    race to create the row, the loser adds to the winner's.
    """
    day = day or timezone.localdate()
    rows = ShareClick.objects.filter(promotion=promotion, channel=channel, day=day)
    if rows.update(clicks=F("clicks") + 1):
        return
    try:
        with transaction.atomic():
            ShareClick.objects.create(
                promotion=promotion, channel=channel, day=day, clicks=1
            )
    except IntegrityError:
        rows.update(clicks=F("clicks") + 1)
