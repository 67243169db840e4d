"""An index on Wagtail's page expiry time, for pages that have one.

"Planlagt publisering" (annual plan, Mine saker) reads the pages about to expire;
without an index that read scans every page of the site. Wagtail's own model has
no such index, so it is made here, partial, as both databases allow.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0009_profile_topics_private"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS core_page_expire_at "
            "ON wagtailcore_page (expire_at) WHERE expire_at IS NOT NULL",
            "DROP INDEX IF EXISTS core_page_expire_at",
        )
    ]
