"""Writes for insights: counting reads and taking anonymous pulse answers."""

import bisect
import datetime
import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.insights.models import (
    PulseParticipation,
    PulseSurvey,
    PulseTally,
    ReadMark,
    StoryReadDay,
)


def keyed_digest(*parts: object) -> str:
    """HMAC-SHA256 of the parts under the site's secret key.

    Without SECRET_KEY nobody can tell which user id a stored digest came
    from, not even by trying every id."""
    message = ":".join(str(part) for part in parts).encode()
    key = ("intranet.insights:" + settings.SECRET_KEY).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def read_digest(*, page_id: int, user_id: int, day: datetime.date) -> str:
    # Salted with the day and the story: two marks of one person (another
    # story, another day) look unrelated, so no reading history can be rebuilt.
    return keyed_digest("read", day.isoformat(), page_id, user_id)


def read_marks_purge(*, today: datetime.date | None = None) -> int:
    """Delete the marks of past days; returns how many were deleted."""
    today = today or timezone.localdate()
    deleted, _detail = ReadMark.objects.filter(day__lt=today).delete()
    return deleted


def read_record(*, page_id: int, user_id: int) -> bool:
    """Count a colleague's read of a story, once per person and day.

    Returns True when this was the person's first read of the story today."""
    today = timezone.localdate()
    # The first read of a new day, in this process, clears yesterday's marks.
    if cache.add(f"insights:purged:{today.isoformat()}", True, timeout=86_400):
        read_marks_purge(today=today)
    digest = read_digest(page_id=page_id, user_id=user_id, day=today)
    # Most reads are a person's second or tenth of the same story that day:
    # the mark is known then, and nothing is written (the database's unique
    # mark still decides when the cache lost it or never knew).
    known = f"insights:read:{digest}"
    if cache.get(known):
        return False

    def remember() -> None:
        # Until midnight, as the marks in the database (`read_marks_purge`).
        midnight = timezone.make_aware(
            datetime.datetime.combine(
                today + datetime.timedelta(days=1), datetime.time()
            )
        )
        left = (midnight - timezone.now()).total_seconds()
        cache.set(known, True, timeout=max(1, int(left)))

    try:
        with transaction.atomic():
            ReadMark.objects.create(day=today, digest=digest)
    except IntegrityError:
        remember()
        return False
    transaction.on_commit(remember)
    updated = StoryReadDay.objects.filter(page_id=page_id, day=today).update(
        readers=F("readers") + 1
    )
    if not updated:
        try:
            with transaction.atomic():
                StoryReadDay.objects.create(page_id=page_id, day=today, readers=1)
        except IntegrityError:
            # Another request made today's row first.
            StoryReadDay.objects.filter(page_id=page_id, day=today).update(
                readers=F("readers") + 1
            )
    return True


class PulseRefused(ValidationError):
    """An answer that cannot be taken; the message says why, in Norwegian."""


def pulse_survey_create(
    *,
    question: str,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    created_by=None,
) -> PulseSurvey:
    survey = PulseSurvey(
        question=question, opens_at=opens_at, closes_at=closes_at, created_by=created_by
    )
    survey.full_clean()
    survey.save()
    return survey


def pulse_answer(
    *, survey: PulseSurvey, user, score: int, comment: str = ""
) -> PulseTally:
    """Count one anonymous answer and note that the person has answered.

    Nothing is stored per answer: the score adds one to a counter and the
    comment joins the survey's comments in alphabetical order, in the
    survey's single `PulseTally` row (written under a row lock, so two answers
    never lose each other). `PulseParticipation` gets a row saying who
    answered, with no time and nothing pointing to the tally. So the order
    rows are stored in, which follows the order of answers, can pair a person
    with nothing but the fact that they answered."""
    now = timezone.now()
    if now < survey.opens_at:
        raise PulseRefused(_("This survey has not opened yet."))
    if now >= survey.closes_at:
        raise PulseRefused(
            _("This survey closed on %(date)s. Your answer was not saved.")
            % {"date": timezone.localtime(survey.closes_at).strftime("%d.%m.%Y")}
        )
    if score not in range(1, 6):
        raise PulseRefused(_("Choose a number from 1 to 5."))
    comment = comment.strip()[:1000]
    with transaction.atomic():
        try:
            with transaction.atomic():
                PulseParticipation.objects.create(survey=survey, user=user)
        except IntegrityError:
            raise PulseRefused(
                _("You have already answered this survey. Each person answers once.")
            ) from None
        tally, _created = PulseTally.objects.select_for_update().get_or_create(
            survey=survey
        )
        counter = PulseTally.field_for(score)
        changes = {counter: F(counter) + 1}
        if comment:
            comments = list(tally.comments)
            bisect.insort(comments, comment)
            changes["comments"] = comments
        PulseTally.objects.filter(pk=tally.pk).update(**changes)
        # The banner stops asking, on every device of the person's: now, and
        # after the commit (a page read meanwhile may have kept the old set).
        key = answered_key(user.pk)
        cache.delete(key)
        transaction.on_commit(lambda: cache.delete(key))
    tally.refresh_from_db()
    return tally


def answered_key(user_pk: int) -> str:
    """Where the surveys a person has answered are kept (the banner's)."""
    return f"insights:pulse-answered:{user_pk}"


def pulse_has_answered(*, survey: PulseSurvey, user) -> bool:
    return PulseParticipation.objects.filter(survey=survey, user=user).exists()


DISMISSED_KEY = "insights_pulse_dismissed"


def pulse_dismiss(*, session, survey: PulseSurvey) -> None:
    """Hide the banner for this survey for the rest of the person's session."""
    dismissed = set(session.get(DISMISSED_KEY, []))
    dismissed.add(survey.pk)
    session[DISMISSED_KEY] = sorted(dismissed)
