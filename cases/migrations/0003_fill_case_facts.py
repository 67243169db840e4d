"""Fill the stored case facts for existing cases (the rule of
`cases.selectors.case_facts`, written out with the models of this migration)."""

from django.db import migrations
from django.db.models import Count, Exists, Max, OuterRef
from django.db.models.functions import Length, Substr

STEPLEN = 4  # Wagtail's tree path step


def fill(apps, schema_editor):
    CasePage = apps.get_model("cases", "CasePage")
    CaseUpdatePage = apps.get_model("cases", "CaseUpdatePage")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    per_parent = {
        row["parent"]: row
        for row in CaseUpdatePage.objects.filter(live=True)
        .exclude(Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk"))))
        .annotate(parent=Substr("path", 1, Length("path") - STEPLEN))
        .order_by()
        .values("parent")
        .annotate(last=Max("publication_date"), count=Count("pk"))
    }
    cases = list(CasePage.objects.only("path", "first_published_at"))
    for case in cases:
        totals = per_parent.get(case.path, {})
        case.last_update_at = totals.get("last")
        case.update_count = totals.get("count", 0)
        case.last_activity_at = case.last_update_at or case.first_published_at
    CasePage.objects.bulk_update(
        cases, ["last_update_at", "update_count", "last_activity_at"], batch_size=500
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_case_facts"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
