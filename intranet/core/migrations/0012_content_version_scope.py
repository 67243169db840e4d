from django.db import migrations, models


class Migration(migrations.Migration):
    """The content version gets scopes, keyed by their name: the one row so
    far becomes the whole's (scope "")."""

    dependencies = [
        ("core", "0011_plain_language_settings"),
    ]

    operations = [
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
