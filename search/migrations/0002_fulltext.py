"""The full text index beside search_indexentry, in each database's own way.

SQLite: an FTS5 table of Norwegian-stemmed text (stemmed in Python with
Snowball), rowid = page id. PostgreSQL: a generated, weighted tsvector column
with the `norwegian` configuration and a GIN index. Other databases get neither.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5("
    "title, intro, body, extra, tokenize = 'unicode61 remove_diacritics 0')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_entry_fts"]

POSTGRES_FORWARD = [
    "ALTER TABLE search_indexentry ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS ("
    "setweight(to_tsvector('norwegian'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('norwegian'::regconfig, coalesce(intro, '')), 'B') || "
    "setweight(to_tsvector('norwegian'::regconfig, coalesce(body, '')), 'C') || "
    "setweight(to_tsvector('norwegian'::regconfig, coalesce(extra, '')), 'D')"
    ") STORED",
    "CREATE INDEX search_entry_vector ON search_indexentry USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS search_vector",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
