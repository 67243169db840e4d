"""Site-wide alerts (driftsmeldinger) and feedback on a page.

An `Alert` is shown at the top of every page from its start until its end;
info and warning alerts can be put away by each person, critical ones cannot
(see `Alert.dismissable`). A `PageFeedback` is what a person says is wrong or
missing on a page: it goes to the page's owners who may see the page, and
always to the communication team's overview.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

#: The content version scope of the alerts (see ContentVersion): no story
#: list or card shows one, so an alert leaves them as they were.
ALERTS_SCOPE = "alerts"
#: The longest alert message: it has to fit one line on a phone (then truncated).
ALERT_MAX_LENGTH = 200
#: The longest feedback text.
FEEDBACK_MAX_LENGTH = 2000


class AlertLevel(models.TextChoices):
    INFO = "info", _("Information")
    WARNING = "warning", _("Warning")
    CRITICAL = "critical", _("Critical")


#: Levels a person may hide for themselves. A warning (planned downtime, a
#: known fault) is read once and then only takes room on every page; keeping
#: it would teach people to ignore the banner. Only critical stays until it ends.
DISMISSABLE_LEVELS = frozenset({AlertLevel.INFO, AlertLevel.WARNING})


def validate_link(value: str) -> None:
    """An http(s) address or a path on this site (``/...``, not ``//host``)."""
    from urllib.parse import urlsplit

    value = value.strip()
    if not value:
        return
    parts = urlsplit(value)
    local = (
        value.startswith("/")
        and not value.startswith("//")
        and "\\" not in value
        and not parts.scheme
        and not parts.netloc
    )
    web = parts.scheme in ("http", "https") and bool(parts.netloc)
    if not (local or web):
        raise ValidationError(
            _(
                "Write an address that starts with https://, http:// or / "
                "(a page on the intranet)."
            ),
            code="invalid_link",
        )


def alert_default_start():
    return timezone.now()


class Alert(models.Model):
    """A short message on every page, from ``starts_at`` until ``ends_at``."""

    message = models.CharField(
        _("message"),
        max_length=ALERT_MAX_LENGTH,
        help_text=_(
            "At most 200 characters. Keep it short: it is one line on a phone."
        ),
    )
    level = models.CharField(
        _("level"),
        max_length=10,
        choices=AlertLevel.choices,
        default=AlertLevel.INFO,
        help_text=_(
            "Information and warnings can be hidden by each person; "
            "a critical alert shows until it ends."
        ),
    )
    link_url = models.CharField(
        _("link address"),
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text=_("Optional: https://… or a page on the intranet, /…"),
    )
    link_text = models.CharField(
        _("link text"),
        max_length=80,
        blank=True,
        help_text=_("For example “Read more”. Required when there is a link."),
    )
    starts_at = models.DateTimeField(_("starts"), default=alert_default_start)
    ends_at = models.DateTimeField(_("ends"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("message"),
        FieldPanel("level"),
        MultiFieldPanel(
            [FieldPanel("link_url"), FieldPanel("link_text")],
            heading=_("Link"),
        ),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
    ]

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return self.message

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = [
                ValidationError(
                    _("The end must be after the start."), code="ends_before_start"
                )
            ]
        if self.link_url.strip() and not self.link_text.strip():
            errors["link_text"] = [
                ValidationError(
                    _("Write the link text people click on."), code="link_text"
                )
            ]
        if self.link_text.strip() and not self.link_url.strip():
            errors["link_url"] = [
                ValidationError(
                    _("Write the address the link text leads to."), code="link_url"
                )
            ]
        if errors:
            raise ValidationError(errors)

    @property
    def safe_link_url(self) -> str:
        """The link, only if it is one the form would take (a row written
        around the form never puts a ``javascript:`` link on every page)."""
        try:
            validate_link(self.link_url)
        except ValidationError:
            return ""
        return self.link_url.strip()

    @property
    def dismissable(self) -> bool:
        return self.level in DISMISSABLE_LEVELS

    @property
    def dismiss_token(self) -> str:
        """What the session remembers when the alert is put away: a changed
        alert is new news and shows again."""
        return f"{self.pk}:{int(self.updated_at.timestamp())}"

    def is_current(self, now) -> bool:
        return self.starts_at <= now < self.ends_at

    def status_label(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.starts_at:
            return _("Upcoming")
        if now >= self.ends_at:
            return _("Ended")
        return _("Showing")


class FeedbackStatus(models.TextChoices):
    NEW = "new", _("New")
    HANDLED = "handled", _("Handled")


class PageFeedback(models.Model):
    """What a person says is wrong or missing on a page.

    ``page`` is set only when the path was a page the person could see when
    they wrote; ``recipients`` are the page's owners who were told (those who
    could see the page), and they see it under "Tilbakemeldinger på dine sider".
    """

    path = models.CharField(_("address"), max_length=1000, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("from"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="page_feedback",
    )
    text = models.TextField(
        _("what is wrong or missing"),
        validators=[MaxLengthValidator(FEEDBACK_MAX_LENGTH)],
    )
    contact_ok = models.BooleanField(_("may be contacted by e-mail"), default=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.NEW,
    )
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("told"),
        blank=True,
        related_name="page_feedback_received",
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="notices_fb_status"),
            models.Index(fields=["user", "path", "-created_at"], name="notices_fb_dup"),
        ]

    def __str__(self) -> str:
        return self.path or str(_("(no page)"))
