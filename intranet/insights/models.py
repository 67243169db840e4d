"""Insights: how many read the stories, and the internal communication pulse.

Privacy first. Nothing here links a person to what they read or answered:

- `StoryReadDay` holds only a count per story and day.
- `ReadMark` holds, for today only, a keyed hash per story and reader so a
  colleague is counted once a day. The hash is salted with the day and the
  story, keyed with the site's secret, and the rows are deleted once the day
  is over (`insights_purge`, and on the fly).
- `PulseAnswer` has no user, no time and a random key; `PulseParticipation`
  holds a keyed hash per survey and person so nobody answers twice.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

# Share answering 4 or 5 in the municipality's 2012 staff survey.
BASELINE_2012_PERCENT = 28
# Results are shown only from this many answers, to protect anonymity.
MIN_ANSWERS = 5
SCORES = [(n, str(n)) for n in range(1, 6)]


class StoryReadDay(models.Model):
    """Unique readers of one story on one day (a number, nobody's name)."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("day"))
    readers = models.PositiveIntegerField(_("readers"), default=0)

    class Meta:
        verbose_name = _("readers per day")
        verbose_name_plural = _("readers per day")
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="insights_read_day")
        ]
        indexes = [models.Index(fields=["day", "page"], name="insights_day_page")]

    def __str__(self) -> str:
        return f"{self.page_id} {self.day}: {self.readers}"


class ReadMark(models.Model):
    """That someone read a story today, as a keyed hash; deleted after the day."""

    day = models.DateField()
    digest = models.CharField(max_length=64, unique=True)

    class Meta:
        indexes = [models.Index(fields=["day"], name="insights_readmark_day")]

    def __str__(self) -> str:
        return f"{self.day}"


class PulseSurvey(models.Model):
    """A short anonymous question to all staff, open between two times."""

    question = models.CharField(
        _("question"),
        max_length=300,
        default="Opplever du at vi har en god intern kommunikasjonskultur?",
        help_text=_("Answered on a scale from 1 (not at all) to 5 (very much)."),
    )
    opens_at = models.DateTimeField(_("opens"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldPanel("question"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
    ]

    class Meta:
        verbose_name = _("pulse survey")
        verbose_name_plural = _("pulse surveys")
        ordering = ["-opens_at", "-pk"]
        permissions = [("view_insights", _("Can see the insights dashboard"))]

    def __str__(self) -> str:
        return self.question

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = _("The survey must close after it opens.")
        # The answers were given to the question as it was asked.
        if (
            self.pk
            and PulseSurvey.objects.filter(pk=self.pk, answers__isnull=False)
            .exclude(question=self.question)
            .exists()
        ):
            errors["question"] = _(
                "The question cannot be changed once people have answered it. "
                "Make a new survey instead."
            )
        if errors:
            raise ValidationError(errors)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class PulseAnswer(models.Model):
    """One anonymous answer: no user, no time, and a key that says nothing
    about the order answers came in."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        PulseSurvey, on_delete=models.CASCADE, related_name="answers"
    )
    score = models.PositiveSmallIntegerField(
        _("score"),
        choices=SCORES,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    comment = models.TextField(_("comment"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("pulse answer")
        verbose_name_plural = _("pulse answers")
        # Listings sort by content, never by when an answer was stored.
        ordering = ["survey", "score", "comment"]

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.score}"


class PulseParticipation(models.Model):
    """That a person (as a keyed hash) has answered a survey, nothing more."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        PulseSurvey, on_delete=models.CASCADE, related_name="participations"
    )
    digest = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("pulse participation")
        verbose_name_plural = _("pulse participations")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "digest"], name="insights_participation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}"
