"""The stored text queries again, as ``search.text`` now writes them: stems
for both engines (PostgreSQL matches them with the `simple` configuration, see
search migration 0012), without stop words."""

from django.db import migrations

BATCH = 500


def restore(apps, schema_editor):
    from search import text
    from search.query import SearchQuery

    Subscription = apps.get_model("subscriptions", "Subscription")
    changed = []
    for subscription in Subscription.objects.only("pk", "query").iterator(BATCH):
        parsed = text.parse(SearchQuery.from_json(subscription.query).text)
        subscription.text_fts = text.to_fts5(parsed)[:2000] if parsed else ""
        subscription.text_tsquery = text.to_tsquery(parsed)[:2000] if parsed else ""
        changed.append(subscription)
    Subscription.objects.bulk_update(
        changed, ["text_fts", "text_tsquery"], batch_size=BATCH
    )


class Migration(migrations.Migration):
    dependencies = [
        ("subscriptions", "0003_profile_notification_kind"),
        ("search", "0012_analysed_text"),
    ]

    operations = [migrations.RunPython(restore, migrations.RunPython.noop)]
