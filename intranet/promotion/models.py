"""The communication team's pipeline: one Promotion per story."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
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
