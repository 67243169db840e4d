"""ASCII-folded text beside the stemmed text, so "Sorum" finds "Sørum".

SQLite: the FTS5 table gets a folded twin of each column (folded in Python,
``search.text.folded_stemmed``); FTS5 tables cannot gain columns, so it is
recreated and refilled from the entries. PostgreSQL: a second generated tsvector
of the text folded in SQL, the same folding as ``search.text.fold`` (lower case,
"aa" -> "a", "oe" -> "o", then "æ" -> "ae", "ø" -> "o", "å" -> "a" and accented
Latin letters without their accents), with its own GIN index.
"""

from django.db import migrations

# Accented Latin letters (Latin-1 and Latin Extended-A) and their plain letter.
ACCENTED = (
    "ÀÁÂÃÄÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝ"
    "ĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽž"
)
PLAIN = (
    "aaaaaceeeeiiiinooooouuuuyaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegg"
    "gggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzz"
)


def folded_sql(column: str) -> str:
    text = f"lower(coalesce({column}, ''))"
    for before, after in (("aa", "a"), ("oe", "o"), ("æ", "ae"), ("Æ", "ae")):
        text = f"replace({text}, '{before}', '{after}')"
    return f"translate({text}, 'øØåÅ{ACCENTED}', 'ooaa{PLAIN}')"


POSTGRES_FORWARD = [
    "ALTER TABLE search_indexentry ADD COLUMN search_folded tsvector "
    "GENERATED ALWAYS AS ("
    f"setweight(to_tsvector('norwegian'::regconfig, {folded_sql('title')}), 'A') || "
    f"setweight(to_tsvector('norwegian'::regconfig, {folded_sql('intro')}), 'B') || "
    f"setweight(to_tsvector('norwegian'::regconfig, {folded_sql('body')}), 'C') || "
    f"setweight(to_tsvector('norwegian'::regconfig, {folded_sql('extra')}), 'D')"
    ") STORED",
    "CREATE INDEX search_entry_folded ON search_indexentry USING GIN (search_folded)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_folded",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS search_folded",
]

COLUMNS = ("title", "intro", "body", "extra")
FOLDED_COLUMNS = tuple(f"{name}_folded" for name in COLUMNS)
TOKENIZE = "tokenize = 'unicode61 remove_diacritics 0'"


def create_fts(schema_editor, columns) -> None:
    schema_editor.execute("DROP TABLE IF EXISTS search_entry_fts")
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE search_entry_fts USING fts5({', '.join(columns)}, "
        f"{TOKENIZE})"
    )


def fill_fts(schema_editor, *, folded: bool) -> None:
    from search import text

    def row(page_id, *parts):
        values = [text.stemmed(part) for part in parts]
        if folded:
            values += [text.folded_stemmed(part) for part in parts]
        return (page_id, *values)

    connection = schema_editor.connection
    columns = COLUMNS + (FOLDED_COLUMNS if folded else ())
    insert = (
        f"INSERT INTO search_entry_fts (rowid, {', '.join(columns)}) "
        f"VALUES ({', '.join(['%s'] * (len(columns) + 1))})"
    )
    last = 0
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT page_id, title, intro, body, extra FROM search_indexentry "
                "WHERE page_id > %s ORDER BY page_id LIMIT 500",
                [last],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            cursor.executemany(insert, [row(*values) for values in rows])
        last = rows[-1][0]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        create_fts(schema_editor, COLUMNS + FOLDED_COLUMNS)
        fill_fts(schema_editor, folded=True)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        create_fts(schema_editor, COLUMNS)
        fill_fts(schema_editor, folded=False)


class Migration(migrations.Migration):
    dependencies = [("search", "0007_subscriptions_moved")]

    operations = [migrations.RunPython(forward, backward)]
