"""Insights: how many read the stories, and the internal communication pulse.

Privacy first. Nothing here links a person to what they read or answered:

- `StoryReadDay` holds only a count per story and day.
- `ReadMark` holds, for today only, a keyed hash per story and reader so a
  colleague is counted once a day. The hash is salted with the day and the
  story, keyed with the site's secret, and the rows are deleted once the day
  is over (`insights_purge`, and on the fly).
- The culture pulse stores no answer as a row. `PulseTally` holds, per
  survey, five counters and the comments as one list kept in alphabetical
  order; `PulseParticipation` says who has answered (so nobody answers
  twice), with no time and no link to the tally. There is nothing in answer
  order to line up with the participations, so a copy of the database, the
  logs and the secret key together still cannot pair a person with an
  answer. Results are shown only after the survey closes. The full
  guarantee and its limits are in the README ("Security and privacy").
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from intranet.core.forms import ReadableModelForm

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

    base_form_class = ReadableModelForm

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
        stored = PulseSurvey.objects.filter(pk=self.pk).first() if self.pk else None
        answered = stored is not None and PulseTally.objects.answered(stored).exists()
        # The answers were given to the question as it was asked.
        if answered and stored.question != self.question:
            errors["question"] = _(
                "The question cannot be changed once people have answered it. "
                "Make a new survey instead."
            )
        # Results are shown once a survey has closed; answers taken after a
        # reopening could be told apart by comparing the results before and after.
        now = timezone.now()
        if answered and self.closes_at and stored.closes_at <= now < self.closes_at:
            errors["closes_at"] = _(
                "A survey that has closed cannot be reopened, because its results "
                "have been shown. Make a new survey instead."
            )
        if errors:
            raise ValidationError(errors)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class PulseTallyQuerySet(models.QuerySet):
    def answered(self, survey: "PulseSurvey") -> "PulseTallyQuerySet":
        """The survey's tally, if anyone has answered it."""
        return self.filter(survey=survey).exclude(
            score_1=0, score_2=0, score_3=0, score_4=0, score_5=0
        )


class PulseTally(models.Model):
    """Everything answered in one survey, as one row: a counter per score and
    the comments in alphabetical order.

    No row per answer exists, so no storage order, key or time can tie an
    answer to the order people answered in (which `PulseParticipation` and
    the logs may show)."""

    survey = models.OneToOneField(
        "PulseSurvey", on_delete=models.CASCADE, primary_key=True, related_name="tally"
    )
    score_1 = models.PositiveIntegerField(default=0)
    score_2 = models.PositiveIntegerField(default=0)
    score_3 = models.PositiveIntegerField(default=0)
    score_4 = models.PositiveIntegerField(default=0)
    score_5 = models.PositiveIntegerField(default=0)
    comments = models.JSONField(default=list, blank=True)

    objects = PulseTallyQuerySet.as_manager()

    class Meta:
        verbose_name = _("pulse tally")
        verbose_name_plural = _("pulse tallies")

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.answers}"

    @staticmethod
    def field_for(score: int) -> str:
        return f"score_{score}"

    @property
    def answers(self) -> int:
        return sum(getattr(self, self.field_for(score)) for score, _label in SCORES)


class PulseParticipation(models.Model):
    """That a person has answered a survey: no time, no link to the answer.

    The random key keeps even the key from following the order of answers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        PulseSurvey, on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("pulse participation")
        verbose_name_plural = _("pulse participations")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "user"], name="insights_participation_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}"
