"""Staff may add activities (and so act on their own); the communication team
may change and delete all of them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF = "Ansatte"
COMMUNICATION = "Kommunikasjon"
GRANTS = {
    STAFF: ["add_communicationactivity"],
    COMMUNICATION: [
        "add_communicationactivity",
        "change_communicationactivity",
        "delete_communicationactivity",
        "view_communicationactivity",
    ],
}


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations (post_migrate).
    app_config = apps.get_app_config("planning")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="planning", codename__in=codenames
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="planning", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0001_initial"),
        ("core", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
