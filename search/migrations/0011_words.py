"""The dictionary of indexed words (``IndexWord``) for typo tolerance, filled
from the entries already indexed that every signed-in person may read."""

from collections import Counter

from django.db import migrations, models


def fill(apps, schema_editor):
    from search import text

    IndexWord = apps.get_model("search", "IndexWord")
    counts = Counter()
    last = 0
    connection = schema_editor.connection
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT page_id, title, intro, body, extra FROM search_indexentry "
                "WHERE page_id > %s AND restriction IN ('none', 'login') "
                "ORDER BY page_id LIMIT 500",
                [last],
            )
            rows = cursor.fetchall()
        if not rows:
            break
        for _page_id, *parts in rows:
            counts.update(
                {
                    word.lower()
                    for part in parts
                    for word in text.words(part or "")
                    if 2 <= len(word) <= 40 and not word.isdigit()
                }
            )
        last = rows[-1][0]
    words = []
    for word, documents in counts.items():
        folded = text.fold(word)[:60]
        words.append(
            IndexWord(
                word=word,
                folded=folded,
                initial=folded[:1],
                length=len(folded),
                documents=documents,
            )
        )
    IndexWord.objects.bulk_create(words, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0010_suggest"),
    ]

    operations = [
        migrations.CreateModel(
            name="IndexWord",
            fields=[
                (
                    "word",
                    models.CharField(max_length=60, primary_key=True, serialize=False),
                ),
                ("folded", models.CharField(max_length=60)),
                ("initial", models.CharField(max_length=1)),
                ("length", models.PositiveSmallIntegerField()),
                ("documents", models.IntegerField(default=0)),
            ],
            options={
                "verbose_name": "search index word",
                "verbose_name_plural": "search index words",
                "indexes": [
                    models.Index(
                        fields=["initial", "length"], name="search_word_spelling"
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
