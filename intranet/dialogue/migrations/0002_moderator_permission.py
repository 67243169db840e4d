"""Once gave the moderators the comment moderation permission; the role
table (`intranet.core.roles`) now holds that right and `roles_sync` grants it
after every migrate. Kept so the migration history stays whole."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("dialogue", "0001_initial"),
        ("core", "0002_initial_data"),
    ]

    operations = []
