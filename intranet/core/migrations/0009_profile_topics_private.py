from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Concat


def hide_followed_topics(apps, schema_editor):
    """The topics a person follows are new on the profile: private until the
    person chooses to show them, for the profiles that exist too."""
    StaffProfile = apps.get_model("core", "StaffProfile")
    profiles = StaffProfile.objects.exclude(hidden_fields__contains="topics")
    profiles.filter(hidden_fields="").update(hidden_fields="topics")
    profiles.exclude(hidden_fields="").update(
        hidden_fields=Concat("hidden_fields", Value(",topics"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_unit_leaders"),
    ]

    operations = [
        migrations.AlterField(
            model_name="staffprofile",
            name="hidden_fields",
            field=models.CharField(
                blank=True,
                default="mobile,topics",
                max_length=200,
                verbose_name="hidden fields",
            ),
        ),
        migrations.RunPython(hide_followed_topics, migrations.RunPython.noop),
    ]
