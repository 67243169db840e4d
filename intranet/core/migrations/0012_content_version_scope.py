from django.core.management.color import no_style
from django.db import migrations, models


def reset_id_sequence(apps, schema_editor):
    """The one row so far was created with an explicit id (1), which leaves
    PostgreSQL's id sequence behind it: the scopes' rows take ids from it."""
    model = apps.get_model("core", "ContentVersion")
    connection = schema_editor.connection
    for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0011_plain_language_settings"),
    ]

    operations = [
        migrations.AddField(
            model_name="contentversion",
            name="scope",
            field=models.CharField(blank=True, default="", max_length=40, unique=True),
        ),
        migrations.RunPython(reset_id_sequence, migrations.RunPython.noop),
    ]
