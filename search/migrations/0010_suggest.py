"""The words of every title, folded, for suggestions as people type.

Kept by the database itself, so every writer of the index keeps it true without
knowing it exists. SQLite: an FTS5 table of the folded titles with prefix indexes
of 2 and 3 letters, filled by triggers on ``search_indexentry`` (rowid = page id).
PostgreSQL: a generated ``simple`` tsvector of the folded title with a GIN index.
Both fold as ``search.text.fold`` does: lower case, "aa" -> "a", "oe" -> "o",
"æ" -> "ae", "ø" -> "o", "å" -> "a", accents dropped (on SQLite the tokenizer
drops "å"'s ring and other accents, and lower-cases non-ASCII letters).
"""

from django.db import migrations

# Accented Latin letters (Latin-1 and Latin Extended-A) and their plain letter,
# as in migration 0008.
ACCENTED = (
    "ÀÁÂÃÄÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝ"
    "ĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽž"
)
PLAIN = (
    "aaaaaceeeeiiiinooooouuuuyaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegg"
    "gggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzz"
)


def postgres_folded(column: str) -> str:
    text = f"lower(coalesce({column}, ''))"
    for before, after in (("aa", "a"), ("oe", "o"), ("æ", "ae"), ("Æ", "ae")):
        text = f"replace({text}, '{before}', '{after}')"
    return f"translate({text}, 'øØåÅ{ACCENTED}', 'ooaa{PLAIN}')"


def sqlite_folded(column: str) -> str:
    # SQLite's lower() knows only ASCII: the Norwegian capitals are replaced
    # as they are; the tokenizer lower-cases and unaccents the rest.
    text = f"lower(coalesce({column}, ''))"
    for before, after in (
        ("aa", "a"),
        ("oe", "o"),
        ("æ", "ae"),
        ("Æ", "ae"),
        ("ø", "o"),
        ("Ø", "o"),
    ):
        text = f"replace({text}, '{before}', '{after}')"
    return text


TOKENIZE = "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'"

SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE search_suggest_fts USING fts5(title, {TOKENIZE})",
    "INSERT INTO search_suggest_fts (rowid, title) "
    f"SELECT page_id, {sqlite_folded('title')} FROM search_indexentry",
    "CREATE TRIGGER search_suggest_insert AFTER INSERT ON search_indexentry BEGIN "
    "INSERT INTO search_suggest_fts (rowid, title) "
    f"VALUES (new.page_id, {sqlite_folded('new.title')}); END",
    "CREATE TRIGGER search_suggest_update AFTER UPDATE OF title ON search_indexentry "
    "WHEN old.title IS NOT new.title BEGIN "
    "DELETE FROM search_suggest_fts WHERE rowid = old.page_id; "
    "INSERT INTO search_suggest_fts (rowid, title) "
    f"VALUES (new.page_id, {sqlite_folded('new.title')}); END",
    "CREATE TRIGGER search_suggest_delete AFTER DELETE ON search_indexentry BEGIN "
    "DELETE FROM search_suggest_fts WHERE rowid = old.page_id; END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_suggest_insert",
    "DROP TRIGGER IF EXISTS search_suggest_update",
    "DROP TRIGGER IF EXISTS search_suggest_delete",
    "DROP TABLE IF EXISTS search_suggest_fts",
]

POSTGRES_FORWARD = [
    "ALTER TABLE search_indexentry ADD COLUMN search_suggest tsvector "
    "GENERATED ALWAYS AS ("
    f"to_tsvector('simple'::regconfig, {postgres_folded('title')})"
    ") STORED",
    # Without a pending list: every keystroke would scan it whole (up to 4 MB
    # after a bulk load); a title's few words are cheap to insert directly.
    "CREATE INDEX search_entry_suggest ON search_indexentry "
    "USING GIN (search_suggest) WITH (fastupdate = off)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_suggest",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS search_suggest",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0009_best_bets_synonyms")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
