"""The annual communication plan (årshjul): what the municipality plans to
communicate through the year, who is responsible, for whom, and through which
channels."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.core.models import ChoiceListField, story_page_models
from intranet.core.vocabulary import Audience, Channel, choice_labels

#: Dates outside these years are refused as typing mistakes (and as addresses).
FIRST_YEAR, LAST_YEAR = 2000, 2100


def story_page_types() -> Q:
    """Limits the story link to stories (news articles, case updates, ...)."""
    content_types = ContentType.objects.get_for_models(*story_page_models())
    return Q(content_type__in=list(content_types.values()))


class ActivityStatus(models.TextChoices):
    """What is stored; "overdue" is derived (planned and past its end)."""

    PLANNED = "planned", _("Planned")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class DisplayStatus(models.TextChoices):
    """What people see: the stored status, or overdue."""

    PLANNED = "planned", _("Planned")
    OVERDUE = "overdue", _("Overdue")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class ActivitySource(models.TextChoices):
    PLAN = "plan", _("The annual plan")
    CASE_MEASURE = "case_measure", _("A case's planned measure")


#: The content version scope of the plan's activities (see ContentVersion).
#: Only what is kept under the whole version shows them (the plan's pages,
#: the dashboards), so an activity saved leaves the story lists, the case
#: list and the cards as they were: the communication team plans all day.
PLAN_SCOPE = "plan"


class ActivityQuerySet(models.QuerySet):
    def overdue(self, *, today: datetime.date | None = None) -> ActivityQuerySet:
        today = today or timezone.localdate()
        return self.filter(status=ActivityStatus.PLANNED, end_date__lt=today)

    def visible_in_plan(self) -> ActivityQuerySet:
        """Everything but cancelled activities."""
        return self.exclude(status=ActivityStatus.CANCELLED)


class CommunicationActivity(models.Model):
    """A planned communication item: a date or a date range, owners, audiences
    and channels, and once done, the published story that fulfilled it."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    start_date = models.DateField(_("date"), db_index=True)
    end_date = models.DateField(
        _("end date"),
        db_index=True,
        help_text=_("The last day, for an activity that lasts several days."),
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        related_name="communication_activities",
    )
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communication_activities",
    )
    case = models.ForeignKey(
        "cases.CasePage",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communication_activities",
    )
    measure = models.OneToOneField(
        "cases.CasePlannedMeasure",
        verbose_name=_("planned measure"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="activity",
    )
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=ActivitySource.choices,
        default=ActivitySource.PLAN,
        editable=False,
    )
    audiences = ChoiceListField(
        _("audiences"), choices=Audience.choices, default=list, blank=True
    )
    channels = ChoiceListField(
        _("channels"), choices=Channel.choices, default=list, blank=True
    )
    proactive = models.BooleanField(
        _("proactive"),
        default=True,
        help_text=_("We set the agenda ourselves, rather than answer others."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ActivityStatus.choices,
        default=ActivityStatus.PLANNED,
        db_index=True,
    )
    story = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("published story"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fulfilled_activities",
        limit_choices_to=story_page_types,
        help_text=_("The news article or case update that fulfilled the activity."),
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("communication activity")
        verbose_name_plural = _("communication activities")
        ordering = ["start_date", "end_date", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="planning_activity_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("planning:activity", args=(self.pk,))

    def display_status(self, *, today: datetime.date | None = None) -> DisplayStatus:
        if self.status == ActivityStatus.PLANNED:
            if self.end_date < (today or timezone.localdate()):
                return DisplayStatus.OVERDUE
            return DisplayStatus.PLANNED
        return DisplayStatus(self.status)

    @property
    def current_status(self) -> DisplayStatus:
        return self.display_status()

    @property
    def is_range(self) -> bool:
        return self.end_date != self.start_date

    @property
    def audience_labels(self) -> list[str]:
        return choice_labels(Audience, self.audiences)

    @property
    def channel_labels(self) -> list[str]:
        return choice_labels(Channel, self.channels)

    @property
    def owner_list(self) -> list:
        """The owners (uses prefetched rows when there are any)."""
        return list(self.owners.all())


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """The secret in a person's iCal feed address; regenerating or revoking
    makes the old address answer 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="planning_calendar_token",
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")

    def __str__(self) -> str:
        return f"calendar token of {self.user_id}"
