"""The text of both engines analysed in Python (``search.text``): the same stems
on SQLite and PostgreSQL, with agent nouns as their base form, compounds kept
whole in their stem and their parts indexed beside the folded stems.

PostgreSQL: the generated ``norwegian`` tsvector columns become plain tsvector
columns (``simple`` configuration) that the backend writes with each entry.
SQLite: the FTS5 table keeps its columns. Both are refilled here from the
entries, in batches; ``manage.py search_rebuild`` does the same from the pages.
"""

import importlib

from django.db import migrations

from search.migrations import __name__ as package

COLUMNS = ("title", "intro", "body", "extra")
FTS_COLUMNS = COLUMNS + tuple(f"{name}_folded" for name in COLUMNS)
BATCH = 500
SIMPLE_VECTOR = " || ".join(
    f"setweight(to_tsvector('simple'::regconfig, %s), '{weight}')"
    for weight in "ABCD"
)

POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "DROP INDEX IF EXISTS search_entry_folded",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS search_folded",
    "ALTER TABLE search_indexentry ADD COLUMN search_vector tsvector "
    "NOT NULL DEFAULT ''",
    "ALTER TABLE search_indexentry ADD COLUMN search_folded tsvector "
    "NOT NULL DEFAULT ''",
    "CREATE INDEX search_entry_vector ON search_indexentry USING GIN (search_vector)",
    "CREATE INDEX search_entry_folded ON search_indexentry USING GIN (search_folded)",
]


def postgres_backward() -> list[str]:
    """The generated columns of migrations 0002 and 0008 again."""
    fulltext = importlib.import_module(f"{package}.0002_fulltext")
    folded = importlib.import_module(f"{package}.0008_folded")
    return [
        "DROP INDEX IF EXISTS search_entry_vector",
        "DROP INDEX IF EXISTS search_entry_folded",
        "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS search_vector",
        "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS search_folded",
        *fulltext.POSTGRES_FORWARD,
        *folded.POSTGRES_FORWARD,
    ]


def refill(schema_editor) -> None:
    from search import text

    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        statement = (
            f"UPDATE search_indexentry SET search_vector = {SIMPLE_VECTOR}, "
            f"search_folded = {SIMPLE_VECTOR} WHERE page_id = %s"
        )
    else:
        statement = (
            f"INSERT OR REPLACE INTO search_entry_fts (rowid, {', '.join(FTS_COLUMNS)}) "
            f"VALUES ({', '.join(['%s'] * (len(FTS_COLUMNS) + 1))})"
        )

    def row(page_id, *parts):
        stems = [text.stemmed(part or "") for part in parts]
        folded = [text.folded_stemmed(part or "") for part in parts]
        if connection.vendor == "postgresql":
            return (*stems, *folded, page_id)
        return (page_id, *stems, *folded)

    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT page_id, title, intro, body, extra FROM search_indexentry "
                "WHERE page_id > %s ORDER BY page_id LIMIT %s",
                [last, BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            cursor.executemany(statement, [row(*values) for values in rows])
        last = rows[-1][0]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)
    if vendor in ("postgresql", "sqlite"):
        refill(schema_editor)


def backward(apps, schema_editor):
    # SQLite keeps the new stems until the next rebuild: they are close to
    # the old ones, and the old code reads them alike.
    if schema_editor.connection.vendor == "postgresql":
        for statement in postgres_backward():
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0011_words")]

    operations = [migrations.RunPython(forward, backward)]
