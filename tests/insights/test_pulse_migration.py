"""Migrating the culture pulse: old per-answer rows become counts, old digests
become plain participation rows, on SQLite and PostgreSQL alike."""

import datetime
import hashlib
import hmac

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from intranet.insights.models import PulseParticipation, PulseTally
from intranet.insights.services import pulse_has_answered

BEFORE = [("insights", "0002_communication_permissions")]
AFTER = [("insights", "0005_pulse_drop_answers_and_digests")]


def old_digest(survey_id: int, user_id) -> str:
    key = ("intranet.insights:" + settings.SECRET_KEY).encode()
    message = f"pulse:{survey_id}:{user_id}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


# serialized_rollback: the flush at the end must not take the role groups and
# the site (made by migrations) from the tests after it in the same process.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_old_answers_become_counts_and_digests_become_participations():
    apps = migrate(BEFORE)
    try:
        User = apps.get_model(settings.AUTH_USER_MODEL)
        Survey = apps.get_model("insights", "PulseSurvey")
        Answer = apps.get_model("insights", "PulseAnswer")
        Participation = apps.get_model("insights", "PulseParticipation")
        people = [User.objects.create(username=f"person{n}") for n in range(4)]
        now = timezone.now()
        survey = Survey.objects.create(
            question="Trives du?",
            opens_at=now - datetime.timedelta(days=1),
            closes_at=now + datetime.timedelta(days=1),
        )
        # Answered in this order: the last person first.
        answered = [people[3], people[0], people[2]]
        for person, (score, comment) in zip(
            answered, [(5, "Veldig bra"), (2, ""), (5, "Aha")], strict=True
        ):
            Participation.objects.create(
                survey=survey, digest=old_digest(survey.pk, person.pk)
            )
            Answer.objects.create(survey=survey, score=score, comment=comment)
        # A colleague who has since left (or a demo colleague): no user.
        Participation.objects.create(survey=survey, digest=old_digest(survey.pk, "x"))
        Answer.objects.create(survey=survey, score=3, comment="")
    finally:
        migrate(AFTER)

    tally = PulseTally.objects.get(survey_id=survey.pk)
    counts = [getattr(tally, f"score_{n}") for n in range(1, 6)]
    assert counts == [0, 1, 1, 0, 2]
    assert tally.comments == ["Aha", "Veldig bra"]
    # Stored in user order now, not in the order people answered.
    assert list(
        PulseParticipation.objects.filter(survey_id=survey.pk)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    ) == sorted(person.pk for person in answered)
    table = connection.ops.quote_name(PulseParticipation._meta.db_table)
    order = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT user_id FROM {table} ORDER BY {order}")  # noqa: S608
        assert [row[0] for row in cursor.fetchall()] == sorted(
            person.pk for person in answered
        )
    survey_now = tally.survey
    user_model = PulseParticipation._meta.get_field("user").related_model
    assert pulse_has_answered(
        survey=survey_now, user=user_model.objects.get(pk=people[3].pk)
    )
    assert not pulse_has_answered(
        survey=survey_now, user=user_model.objects.get(pk=people[1].pk)
    )
