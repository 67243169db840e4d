"""The shared vocabulary of communication: audiences, channels and need.

A case's communication assessment, its planned measures and the annual plan's
activities all speak of who needs to know, through which channel and how much;
they use these words, so a filter or a report means the same everywhere.
The values are stored in the database: a label may change, a value may not.
"""

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    STAFF = "staff", _("Staff")
    CITIZENS = "citizens", _("Citizens")
    BUSINESSES = "businesses", _("Businesses")
    POLITICIANS = "politicians", _("Politicians")
    PRESS = "press", _("Press")


class Channel(models.TextChoices):
    """Where the municipality communicates, inside and outside."""

    INTRANET = "intranet", _("Intranet")
    WEBSITE = "website", _("The municipality's website")
    SOCIAL_MEDIA = "social_media", _("Social media")
    PRESS = "press", _("Press release or media contact")
    NEWSLETTER = "newsletter", _("Newsletter or email")
    MEETING = "meeting", _("Meeting or briefing")
    LETTER = "letter", _("Letter to those affected")


class CommunicationNeed(models.TextChoices):
    NONE = "none", _("None")
    LOW = "low", _("Low")
    HIGH = "high", _("High")


def choice_labels(
    choices: type[models.TextChoices], values: Iterable[str]
) -> list[str]:
    """The labels of the stored values, in their order; a value no longer in
    the vocabulary is left out rather than shown raw."""
    labels = dict(choices.choices)
    return [str(labels[value]) for value in values if value in labels]
