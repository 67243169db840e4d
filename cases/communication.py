"""The communication assessment every case carries.

"Vi vurderer behovet for ulike kommunikasjonstiltak i enhver beslutningsprosess":
each case records who needs to know, how much, through which channels and with
which key messages. The rules live here, apart from the models, so the admin
form and the selectors apply the same ones. The words themselves (audiences,
channels, need) are the shared vocabulary in `intranet.core.vocabulary`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from intranet.core.vocabulary import CommunicationNeed


class AssessmentStatus(models.TextChoices):
    """How far a case's communication assessment has come."""

    MISSING = "missing", _("Communication need not assessed")
    INCOMPLETE = "incomplete", _("Communication assessment incomplete")
    NO_MEASURES = "no_measures", _("High need for communication, no planned measure")
    COMPLETE = "complete", _("Communication assessed")


#: Shown when publishing is refused because the assessment is not done.
NOT_PUBLISHABLE_MESSAGE = _(
    "The case cannot be published before its need for communication has been "
    "assessed. Fill in the Communication tab."
)


def assessment_problems(
    *, need: str, audiences: list[str], channels: list[str], key_messages: str
) -> dict[str, str]:
    """Return what keeps an assessment from being complete, by field name.

    An assessment is complete when the need is assessed and, unless the need is
    "none", the audiences, the channels and the key messages are filled in. A
    case may only be published with a complete assessment.
    """
    if not need:
        return {
            "communication_need": _(
                "Assess the need for communication before the case is published."
            )
        }
    if need == CommunicationNeed.NONE:
        return {}
    problems = {}
    if not audiences:
        problems["communication_audiences"] = _(
            "Choose who needs to know about the case."
        )
    if not channels:
        problems["communication_channels"] = _("Choose at least one channel.")
    if not (key_messages or "").strip():
        problems["communication_key_messages"] = _(
            "Write the key messages in a sentence or two."
        )
    return problems


def assessment_status(
    *,
    need: str,
    audiences: list[str],
    channels: list[str],
    key_messages: str,
    has_measures: bool,
) -> AssessmentStatus:
    """Classify an assessment: missing, incomplete, high need without a planned
    measure, or complete."""
    if not need:
        return AssessmentStatus.MISSING
    if assessment_problems(
        need=need, audiences=audiences, channels=channels, key_messages=key_messages
    ):
        return AssessmentStatus.INCOMPLETE
    if need == CommunicationNeed.HIGH and not has_measures:
        return AssessmentStatus.NO_MEASURES
    return AssessmentStatus.COMPLETE
