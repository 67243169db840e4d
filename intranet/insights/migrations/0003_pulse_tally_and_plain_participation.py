"""The culture pulse, step 1 of 3: a tally per survey, and participation by user.

Steps 2 and 3 move the data and drop the per-answer rows and the digests.
They are separate migrations so that PostgreSQL never alters a table in the
transaction that wrote its rows.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("insights", "0002_communication_permissions"),
    ]

    operations = [
        migrations.CreateModel(
            name="PulseTally",
            fields=[
                (
                    "survey",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="tally",
                        serialize=False,
                        to="insights.pulsesurvey",
                    ),
                ),
                ("score_1", models.PositiveIntegerField(default=0)),
                ("score_2", models.PositiveIntegerField(default=0)),
                ("score_3", models.PositiveIntegerField(default=0)),
                ("score_4", models.PositiveIntegerField(default=0)),
                ("score_5", models.PositiveIntegerField(default=0)),
                ("comments", models.JSONField(blank=True, default=list)),
            ],
            options={
                "verbose_name": "pulse tally",
                "verbose_name_plural": "pulse tallies",
            },
        ),
        migrations.RemoveConstraint(
            model_name="pulseparticipation", name="insights_participation_once"
        ),
        migrations.AddField(
            model_name="pulseparticipation",
            name="user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
