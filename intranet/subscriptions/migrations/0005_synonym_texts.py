"""The stored text queries with their synonyms, as the search page expands them
(``search.synonyms``): followed searches saved before hear of what their
synonyms find from now on. Later changes to the synonyms re-store them through
``search.signals.synonyms_changed``."""

from django.db import migrations

BATCH = 500


def restore(apps, schema_editor):
    from search import text
    from search.query import SearchQuery
    from search.synonyms import build_table, expand, to_text

    SynonymGroup = apps.get_model("search", "SynonymGroup")
    Subscription = apps.get_model("subscriptions", "Subscription")
    groups = [
        [
            part.strip()
            for line in group.terms.splitlines()
            for part in line.split(",")
            if part.strip()
        ]
        for group in SynonymGroup.objects.order_by("pk")
    ]
    if not groups:
        return
    table = build_table(groups)
    changed = []
    followed = Subscription.objects.exclude(text_fts="").only(
        "pk", "query", "text_fts", "text_tsquery"
    )
    for subscription in followed.iterator(BATCH):
        typed = text.parse(SearchQuery.from_json(subscription.query).text)
        expanded = expand(typed, table)
        parsed = typed if expanded == typed else text.parse(to_text(expanded))
        subscription.text_fts = text.to_fts5(parsed)[:2000] if parsed else ""
        subscription.text_tsquery = text.to_tsquery(parsed)[:2000] if parsed else ""
        changed.append(subscription)
    Subscription.objects.bulk_update(
        changed, ["text_fts", "text_tsquery"], batch_size=BATCH
    )


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0004_analysed_text"),
        ("search", "0012_analysed_text"),
    ]

    operations = [migrations.RunPython(restore, migrations.RunPython.noop)]
