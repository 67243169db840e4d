"""The culture pulse, step 2 of 3: answers become counts, digests become users.

Each survey's answers are summed into its tally (comments in alphabetical
order). Each keyed digest is matched against every user's (the only time the
secret key is used for this, and the last) and the participation rows are
written again in user order, so their order no longer follows the answers.
Digests that match no user (deleted people, demo colleagues) are dropped:
their answers stay counted, they just cannot answer again.
"""

import hashlib
import hmac

from django.conf import settings
from django.db import migrations

SCORES = range(1, 6)


def _digest(survey_id: int, user_id: int) -> str:
    # The retired insights.services.participation_digest, frozen here.
    key = ("intranet.insights:" + settings.SECRET_KEY).encode()
    message = f"pulse:{survey_id}:{user_id}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def to_tally(apps, schema_editor):
    Survey = apps.get_model("insights", "PulseSurvey")
    Answer = apps.get_model("insights", "PulseAnswer")
    Participation = apps.get_model("insights", "PulseParticipation")
    Tally = apps.get_model("insights", "PulseTally")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    user_ids = None
    for survey in Survey.objects.order_by("pk"):
        counts = dict.fromkeys(SCORES, 0)
        comments = []
        for score, comment in Answer.objects.filter(survey=survey).values_list(
            "score", "comment"
        ):
            if score in counts:
                counts[score] += 1
            if comment:
                comments.append(comment)
        if any(counts.values()):
            Tally.objects.create(
                survey=survey,
                comments=sorted(comments),
                **{f"score_{score}": count for score, count in counts.items()},
            )
        digests = set(
            Participation.objects.filter(survey=survey).values_list(
                "digest", flat=True
            )
        )
        if not digests:
            continue
        if user_ids is None:
            user_ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
        answered = [uid for uid in user_ids if _digest(survey.pk, uid) in digests]
        Participation.objects.filter(survey=survey).delete()
        Participation.objects.bulk_create(
            Participation(survey=survey, user_id=uid, digest="") for uid in answered
        )
    Answer.objects.all().delete()


def from_tally(apps, schema_editor):
    """Back to one row per answer (comments on the lowest scores first) and
    keyed digests."""
    Answer = apps.get_model("insights", "PulseAnswer")
    Participation = apps.get_model("insights", "PulseParticipation")
    Tally = apps.get_model("insights", "PulseTally")
    for tally in Tally.objects.order_by("pk"):
        scores = [
            score
            for score in SCORES
            for _n in range(getattr(tally, f"score_{score}"))
        ]
        comments = list(tally.comments)
        Answer.objects.bulk_create(
            Answer(
                survey_id=tally.pk,
                score=score,
                comment=comments[index] if index < len(comments) else "",
            )
            for index, score in enumerate(scores)
        )
    Tally.objects.all().delete()
    for participation in Participation.objects.exclude(user=None):
        participation.digest = _digest(
            participation.survey_id, participation.user_id
        )
        participation.save(update_fields=["digest"])


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("insights", "0003_pulse_tally_and_plain_participation"),
    ]

    operations = [migrations.RunPython(to_tally, from_tally)]
