from django.db import migrations, models


def keep_one_row(apps, schema_editor):
    """Before the scopes there is one row. A database migrated back from
    here keeps the scopes' rows too: the whole's is the highest."""
    versions = apps.get_model("core", "ContentVersion").objects
    highest = versions.order_by("-value").first()
    if highest is not None:
        versions.exclude(pk=highest.pk).delete()


class Migration(migrations.Migration):
    """The content version gets scopes, keyed by their name: the one row so
    far becomes the whole's (scope "")."""

    dependencies = [
        ("core", "0011_plain_language_settings"),
    ]

    operations = [
        migrations.RunPython(keep_one_row, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="contentversion",
            name="id",
        ),
        migrations.AddField(
            model_name="contentversion",
            name="scope",
            field=models.CharField(
                blank=True, default="", max_length=40, primary_key=True, serialize=False
            ),
            preserve_default=False,
        ),
    ]
