"""Folded stems of words with "æ" (folded "ae") changed: "sykefravær" and
"sykefraværet" now share one (``search.text.snowball``). The analysed text of
every entry is written again from the entries, as migration 0012 does; the
dictionary of words is unchanged (it holds words, not stems)."""

import importlib

from django.db import migrations

from search.migrations import __name__ as package


def forward(apps, schema_editor):
    if schema_editor.connection.vendor in ("postgresql", "sqlite"):
        importlib.import_module(f"{package}.0012_analysed_text").refill(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0012_analysed_text")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
