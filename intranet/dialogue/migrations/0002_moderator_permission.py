"""Give the moderators (editors and the communication team) the comment
moderation permission, so their actions show in the admin's history reports."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Redaktører", "Kommunikasjon"]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations (post_migrate).
    app_config = apps.get_app_config("dialogue")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="dialogue", codename="moderate_comment"
    )
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="dialogue", codename="moderate_comment"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dialogue", "0001_initial"),
        ("core", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
