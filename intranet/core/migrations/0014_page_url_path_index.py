"""An index on each page's address below its site's root (``url_path``).

The front page finds the page at an address by it in one query
(``HomePage.route``), where Wagtail's own routing asks each page on the way
for its child. Wagtail's model has no index on it, so it is made here: a hash
index on PostgreSQL, which takes an address of any length (a B-tree entry
must fit in a third of a page), a plain one on SQLite.
"""

from django.db import migrations

NAME = "core_page_url_path"


def create(apps, schema_editor):
    using = " USING hash" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {NAME} ON wagtailcore_page{using} (url_path)"
    )


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0013_page_latest_revision_index"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
