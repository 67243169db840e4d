"""The front page as site root, and the three role groups other code relies on.

The group names `Ansatte`, `Kommunikasjon` and `Redaktører` are stable identifiers.
What the groups may do is the role table (`intranet.core.roles`), which
`roles_sync` applies after every migrate.
"""

from django.db import migrations

STAFF = "Ansatte"
COMMUNICATION = "Kommunikasjon"
EDITORS = "Redaktører"


def create_home_and_groups(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("core", "HomePage")
    Group = apps.get_model("auth", "Group")

    # Wagtail's sample groups would sit confusingly beside our three roles.
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()

    # Replace Wagtail's placeholder welcome page with our front page.
    Site.objects.all().delete()
    Page.objects.filter(depth=2).delete()
    root = Page.objects.get(depth=1)
    home_type, _created = ContentType.objects.get_or_create(
        app_label="core", model="homepage"
    )
    home = HomePage.objects.create(
        title="Forsiden",
        draft_title="Forsiden",
        slug="forsiden",
        content_type=home_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/forsiden/",
        locale_id=root.locale_id,
        live=True,
    )
    root.numchild = 1
    root.save(update_fields=["numchild"])
    Site.objects.create(
        hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True,
        site_name="Intranettet",
    )

    for name in (STAFF, EDITORS, COMMUNICATION):
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_home_and_groups, migrations.RunPython.noop)]
