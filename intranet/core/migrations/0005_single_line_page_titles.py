"""Put the titles of pages saved before titles were kept on one line on one line."""

from django.db import migrations

from intranet.core.text import single_line

TITLE_FIELDS = ("title", "draft_title", "seo_title")


def clean_titles(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    changed = []
    for page in Page.objects.only(*TITLE_FIELDS).iterator(chunk_size=1000):
        before = [getattr(page, name) for name in TITLE_FIELDS]
        for name in TITLE_FIELDS:
            setattr(page, name, single_line(getattr(page, name) or ""))
        if [getattr(page, name) for name in TITLE_FIELDS] != before:
            changed.append(page)
    Page.objects.bulk_update(changed, TITLE_FIELDS, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_content_version"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(clean_titles, migrations.RunPython.noop)]
