"""Once gave staff and the communication team their rights on activities; the
role table (`intranet.core.roles`) now holds them and `roles_sync` grants them
after every migrate. Kept so the migration history stays whole."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0001_initial"),
        ("core", "0002_initial_data"),
    ]

    operations = []
