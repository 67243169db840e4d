"""The culture pulse, step 3 of 3: no answer rows and no digests any more."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("insights", "0004_pulse_answers_to_tally"),
    ]

    operations = [
        migrations.DeleteModel(name="PulseAnswer"),
        migrations.RemoveField(model_name="pulseparticipation", name="digest"),
        migrations.AlterField(
            model_name="pulseparticipation",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="pulseparticipation",
            constraint=models.UniqueConstraint(
                fields=("survey", "user"), name="insights_participation_once"
            ),
        ),
    ]
