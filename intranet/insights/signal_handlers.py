"""Thin handlers: a pulse survey saved or deleted, the kept surveys forgotten."""

from django.db.models.signals import post_delete, post_save

from intranet.insights import selectors
from intranet.insights.models import PulseSurvey


def survey_changed(sender, **kwargs) -> None:
    selectors.pulse_surveys_forget()


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            survey_changed,
            sender=PulseSurvey,
            dispatch_uid=f"insights.survey_changed.{signal is post_save}",
        )
