"""Give the communication team (and only them) the insights permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COMMUNICATION = "Kommunikasjon"
CODENAMES = [
    "view_insights",
    "view_pulsesurvey",
    "add_pulsesurvey",
    "change_pulsesurvey",
    "delete_pulsesurvey",
]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations (post_migrate).
    app_config = apps.get_app_config("insights")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=COMMUNICATION)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="insights", codename__in=CODENAMES
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=COMMUNICATION):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="insights", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("insights", "0001_initial"),
        ("core", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
