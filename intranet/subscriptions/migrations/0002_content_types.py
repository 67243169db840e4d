"""Move the content types of the moved models from ``search`` to ``subscriptions``.

Permissions, admin log entries and anything else that names a model by its
content type keep pointing at the same row, now under the new label. Where a
content type with the new label exists already (``migrate`` made one for a
database that had been migrated forward before), the old one is merged into it:
its permissions' holders move to the twin permission, other references move
to the existing row, and the old row goes.
"""

from django.conf import settings
from django.db import migrations

MOVED = (
    "subscription",
    "subscriptionfilter",
    "personaldelivery",
    "notification",
    "feedtoken",
    "subscriptiondefaults",
)


def _merge_permission(apps, permission, twin) -> None:
    """Give ``twin`` to every group and person holding ``permission``."""
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    for through in (Group.permissions.through, User.user_permissions.through):
        holder = next(
            field.name
            for field in through._meta.get_fields()
            if field.many_to_one and field.name != "permission"
        )
        already = through.objects.filter(permission=twin).values_list(
            f"{holder}_id", flat=True
        )
        through.objects.filter(permission=permission).exclude(
            **{f"{holder}_id__in": already}
        ).update(permission=twin)
    permission.delete()


def _merge(apps, old, new) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(content_type=old):
        twin = Permission.objects.filter(
            content_type=new, codename=permission.codename
        ).first()
        if twin is None:
            permission.content_type = new
            permission.save(update_fields=["content_type"])
        else:
            _merge_permission(apps, permission, twin)
    for relation in ContentType._meta.related_objects:
        if relation.related_model is Permission or relation.many_to_many:
            continue
        name = relation.field.name
        relation.related_model._base_manager.filter(**{name: old}).update(
            **{name: new}
        )
    old.delete()


def _move(apps, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label=target, model=model).first()
        if new is None:
            old.app_label = target
            old.save(update_fields=["app_label"])
        else:
            _merge(apps, old, new)


def forwards(apps, schema_editor) -> None:
    _move(apps, "search", "subscriptions")


def backwards(apps, schema_editor) -> None:
    _move(apps, "subscriptions", "search")


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0001_initial"),
        ("search", "0007_subscriptions_moved"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
