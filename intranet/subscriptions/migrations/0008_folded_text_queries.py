"""Followed searches' PostgreSQL text queries stored of the folded words
(``services._store_text``), as the indexed text they are matched against:
a publish no longer folds every followed search's text in SQL."""

from django.db import migrations

BATCH = 500


def restore(apps, schema_editor):
    from search import text
    from search.query import SearchQuery
    from search.synonyms import build_table, expand, to_text

    SynonymGroup = apps.get_model("search", "SynonymGroup")
    Subscription = apps.get_model("subscriptions", "Subscription")
    table = build_table(
        [
            [
                part.strip()
                for line in group.terms.splitlines()
                for part in line.split(",")
                if part.strip()
            ]
            for group in SynonymGroup.objects.order_by("pk")
        ]
    )
    changed = []
    followed = Subscription.objects.exclude(text_tsquery="").only(
        "pk", "query", "text_tsquery"
    )
    for subscription in followed.iterator(BATCH):
        typed = text.parse(SearchQuery.from_json(subscription.query).text)
        expanded = expand(typed, table)
        parsed = typed if expanded == typed else text.parse(to_text(expanded))
        subscription.text_tsquery = (
            text.to_tsquery(parsed.folded())[:2000] if parsed else ""
        )
        changed.append(subscription)
    Subscription.objects.bulk_update(changed, ["text_tsquery"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0007_review_kind"),
        ("search", "0013_folded_ae"),
    ]

    operations = [migrations.RunPython(restore, migrations.RunPython.noop)]
