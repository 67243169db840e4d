"""The communication team's pipeline: one Promotion per story; the
positioning radar's model, its scores of the stories without a theme and the
suggestions the team dismissed; and sharing: the team's suggested texts per
channel and the count of clicks on the shared links."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from intranet.core.models import ChoiceListField, PositioningTheme
from intranet.core.vocabulary import choice_labels

# External addresses leave the intranet in the public feed and API, where a
# javascript: or data: link would run in a reader's browser: web addresses only.
_web_address = URLValidator(schemes=["http", "https"])


def is_web_address(url: str) -> bool:
    try:
        _web_address(url)
    except ValidationError:
        return False
    return True


class PromotionStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published externally")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Which status may follow which. Everything else is refused.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    PromotionStatus.CANDIDATE: frozenset(
        {
            PromotionStatus.SHORTLISTED,
            PromotionStatus.REJECTED,
            PromotionStatus.WITHDRAWN,
        }
    ),
    PromotionStatus.SHORTLISTED: frozenset(
        {
            PromotionStatus.APPROVED,
            PromotionStatus.CANDIDATE,
            PromotionStatus.REJECTED,
            PromotionStatus.WITHDRAWN,
        }
    ),
    PromotionStatus.APPROVED: frozenset(
        {
            PromotionStatus.PUBLISHED,
            PromotionStatus.SHORTLISTED,
            PromotionStatus.REJECTED,
            PromotionStatus.WITHDRAWN,
        }
    ),
    # Once outside, it can only be taken back (consent withdrawn, a factual
    # error): the public feed, API and image stop showing it at once, and the
    # publication date stays as the record of what was out.
    PromotionStatus.PUBLISHED: frozenset({PromotionStatus.WITHDRAWN}),
    PromotionStatus.REJECTED: frozenset({PromotionStatus.CANDIDATE}),
    PromotionStatus.WITHDRAWN: frozenset({PromotionStatus.CANDIDATE}),
}

# Statuses whose external version may leave the intranet.
PUBLIC_STATUSES = (PromotionStatus.APPROVED, PromotionStatus.PUBLISHED)


class ExternalChannel(models.TextChoices):
    """Where an approved story goes outside. Not the shared `Channel`
    vocabulary of the plan and the cases: these are the team's outlets."""

    WEBSITE = "website", _("Website")
    PRESS = "press", _("Press release")
    SOCIAL = "social", _("Social media")
    NEWSLETTER = "newsletter", _("Newsletter")


class ExternalLanguage(models.TextChoices):
    """The written standard of an external version: both are Norwegian
    (språklova), and readers and screen readers need to know which."""

    BOKMAL = "nb", _("Bokmål")
    NYNORSK = "nn", _("Nynorsk")


class Promotion(models.Model):
    """A story on its way outside: the internal page plus an external version.

    Only the external_* fields, the chosen image and the channels/dates ever
    leave the intranet, and only while approved or published.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="promotion",
    )
    # A snapshot of the story's themes and unit, refreshed on every publish,
    # so the queue and the figures filter without joining each page type.
    themes = models.CharField(_("themes"), max_length=100, blank=True, db_index=True)
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PromotionStatus.choices,
        default=PromotionStatus.CANDIDATE,
        db_index=True,
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    external_title = models.CharField(_("external title"), max_length=255, blank=True)
    external_lead = models.TextField(_("external lead"), max_length=600, blank=True)
    external_body = RichTextField(
        _("external body"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=ExternalLanguage.choices,
        default=ExternalLanguage.BOKMAL,
        help_text=_(
            "The public feed and API state it, so that screen readers pronounce "
            "the text right."
        ),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternative text for the image"), max_length=250, blank=True
    )
    names_person = models.BooleanField(
        _("a named or recognisable person is included"), default=False
    )
    rights_confirmed = models.BooleanField(
        _("image rights and consent confirmed"), default=False
    )
    channels = ChoiceListField(
        _("channels"), choices=ExternalChannel.choices, default=list, blank=True
    )
    planned_date = models.DateField(_("planned date"), null=True, blank=True)
    external_urls = models.TextField(
        _("external addresses"),
        blank=True,
        help_text=_("Where it was published, one address per line."),
    )
    published_externally_at = models.DateTimeField(
        _("published externally at"), null=True, blank=True
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    notes = models.TextField(_("internal notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Bumped on every save; an edit based on an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.external_title or self.page.title

    @property
    def theme_list(self) -> list[str]:
        return [theme for theme in self.themes.split(",") if theme]

    @property
    def theme_labels(self) -> list[str]:
        labels = dict(PositioningTheme.choices)
        return [str(labels.get(theme, theme)) for theme in self.theme_list]

    @property
    def theme_labels_text(self) -> str:
        return ", ".join(self.theme_labels)

    @property
    def channel_labels(self) -> list[str]:
        """The chosen outlets as the team reads them ("Nettside"), not as stored."""
        return choice_labels(ExternalChannel, self.channels)

    @property
    def needs_rights_confirmation(self) -> bool:
        return bool(self.image_id) or self.names_person

    def clean(self) -> None:
        super().clean()
        wrong = [
            line.strip()
            for line in self.external_urls.splitlines()
            if line.strip() and not is_web_address(line.strip())
        ]
        if wrong:
            raise ValidationError(
                {
                    "external_urls": _(
                        "Only web addresses starting with http:// or https:// are "
                        "allowed, one per line. Not allowed: %(addresses)s"
                    )
                    % {"addresses": ", ".join(wrong)}
                }
            )

    @property
    def external_url_list(self) -> list[str]:
        """The external addresses, web addresses only (older rows may hold
        anything)."""
        return [
            line.strip()
            for line in self.external_urls.splitlines()
            if is_web_address(line.strip())
        ]


class PromotionEvent(models.Model):
    """One status change: who, when, from and to, and why."""

    promotion = models.ForeignKey(
        Promotion, on_delete=models.CASCADE, related_name="events"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=PromotionStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("to"), max_length=20, choices=PromotionStatus.choices
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} → {self.to_status}"


class RadarModel(models.Model):
    """One training of the positioning radar (`radar_train`): the fitted
    weights and what they were learnt from. Only the newest is kept.

    ``weights`` holds the model's numbers, not a pickled object
    (`intranet.promotion.radar.RadarWeights`): reading it runs no code, and it
    outlives an upgrade of scikit-learn.
    """

    trained_at = models.DateTimeField(_("trained at"), default=timezone.now)
    weights = models.BinaryField(_("weights"))
    stories = models.PositiveIntegerField(_("stories read"), default=0)
    #: Per theme, the stories that carried it and were not turned down.
    examples = models.JSONField(_("examples per theme"), default=dict)
    #: Stories the team dismissed or rejected: read as no example.
    turned_down = models.PositiveIntegerField(_("dismissed or rejected"), default=0)
    seconds = models.FloatField(_("training time in seconds"), default=0)

    class Meta:
        verbose_name = _("radar model")
        verbose_name_plural = _("radar models")
        ordering = ["-trained_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.trained_at:%Y-%m-%d %H:%M}"


class RadarScore(models.Model):
    """What the radar read in one published story without a theme: how much
    it looks like an example of each theme, and the words that weighed most."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="radar_score",
    )
    #: The likelier theme and its probability: what the board sorts by.
    theme = models.CharField(
        _("theme"), max_length=20, choices=PositioningTheme.choices
    )
    score = models.FloatField(_("score"))
    #: Per theme the radar knows: its probability and its weightiest words.
    scores = models.JSONField(_("scores"), default=dict)
    words = models.JSONField(_("words"), default=dict)
    scored_at = models.DateTimeField(_("scored at"), default=timezone.now)

    class Meta:
        verbose_name = _("radar score")
        verbose_name_plural = _("radar scores")
        indexes = [models.Index(fields=["-score"], name="promotion_radar_best")]

    def __str__(self) -> str:
        return f"{self.page_id}: {self.theme} {self.score:.2f}"

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def reasons(self) -> list[str]:
        """The words that weighed most for the likelier theme."""
        return list(self.words.get(self.theme, []))


class RadarDismissal(models.Model):
    """The team said a suggested story is no example: it is never suggested
    again, and the next training reads it as a story without a theme."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="radar_dismissal",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: What the radar suggested when it was dismissed.
    theme = models.CharField(
        _("theme"), max_length=20, choices=PositioningTheme.choices, blank=True
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    dismissed_at = models.DateTimeField(_("dismissed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dismissed radar suggestion")
        verbose_name_plural = _("dismissed radar suggestions")

    def __str__(self) -> str:
        return str(self.page_id)


class ShareChannel(models.TextChoices):
    """Where colleagues share an approved story, each with a text of its own.
    Not `ExternalChannel` (the team's outlets, where social media is one):
    Facebook and LinkedIn read texts of very different lengths."""

    WEBSITE = "website", _("Website")
    FACEBOOK = "facebook", _("Facebook")
    LINKEDIN = "linkedin", _("LinkedIn")
    PRESS = "press", _("Press release")


@dataclass(frozen=True)
class ShareRule:
    #: Characters (a line break is one); a longer suggested text is refused.
    limit: int
    #: The tracked link's utm_medium.
    medium: str
    #: What the text is for, beside the field.
    guidance: str


SHARE_RULES: dict[str, ShareRule] = {
    ShareChannel.WEBSITE: ShareRule(
        limit=300,
        medium="referral",
        guidance=_("A teaser for the municipality's website: one or two sentences."),
    ),
    ShareChannel.FACEBOOK: ShareRule(
        limit=500,
        medium="social",
        guidance=_(
            "Keep it short: Facebook hides the rest of a longer post behind “See more”."
        ),
    ),
    ShareChannel.LINKEDIN: ShareRule(
        limit=3000,
        medium="social",
        guidance=_(
            "The first two or three lines show before “…more”; make them count."
        ),
    ),
    ShareChannel.PRESS: ShareRule(
        limit=600,
        medium="press",
        guidance=_("The lead paragraph of a press release: who, what, when and why."),
    ),
}


def share_text_length(text: str) -> int:
    """Characters as the reader counts them: a line break is one, whether the
    browser sent it as CR LF or not."""
    return len(text.replace("\r\n", "\n"))


def validate_share_text(channel: str, text: str) -> None:
    """Refuse a suggested text longer than its channel's limit."""
    limit = SHARE_RULES[channel].limit
    length = share_text_length(text)
    if length > limit:
        raise ValidationError(
            _(
                "At most %(limit)s characters for “%(channel)s”: this text "
                "has %(length)s."
            ),
            code="too_long",
            params={
                "limit": limit,
                "channel": ShareChannel(channel).label,
                "length": length,
            },
        )


class ShareText(models.Model):
    """The team's suggested text for sharing a story on one channel; staff
    copy it from the story's sharing page ("Del")."""

    promotion = models.ForeignKey(
        Promotion,
        verbose_name=_("promotion"),
        on_delete=models.CASCADE,
        related_name="share_texts",
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=ShareChannel.choices
    )
    text = models.TextField(_("suggested text"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("suggested text")
        verbose_name_plural = _("suggested texts")
        constraints = [
            models.UniqueConstraint(
                fields=["promotion", "channel"], name="promotion_share_text_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.promotion_id}: {self.channel}"


class ShareClick(models.Model):
    """How many times a story's shared link for one channel was followed on
    one day. Only the count: never who clicked, from where or with what (no
    person, address, cookie or browser is read into it or stored)."""

    promotion = models.ForeignKey(
        Promotion,
        verbose_name=_("promotion"),
        on_delete=models.CASCADE,
        related_name="share_clicks",
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=ShareChannel.choices
    )
    day = models.DateField(_("day"), db_index=True)
    clicks = models.PositiveIntegerField(_("clicks"), default=0)

    class Meta:
        verbose_name = _("clicks on a shared link")
        verbose_name_plural = _("clicks on shared links")
        constraints = [
            models.UniqueConstraint(
                fields=["promotion", "channel", "day"],
                name="promotion_share_click_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.promotion_id}: {self.channel} {self.day} {self.clicks}"
