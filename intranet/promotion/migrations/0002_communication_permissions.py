"""Once gave the communication team the promotion permissions; the role table
(`intranet.core.roles`) now holds them and `roles_sync` grants them after
every migrate. Kept so the migration history stays whole."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("promotion", "0001_initial"),
        ("core", "0002_initial_data"),
    ]

    operations = []
