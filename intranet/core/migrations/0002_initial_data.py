"""The front page as site root, and the three role groups other code relies on.

The group names `Ansatte`, `Kommunikasjon` and `Redaktører` are stable identifiers.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF = "Ansatte"
COMMUNICATION = "Kommunikasjon"
EDITORS = "Redaktører"


def ensure_permissions(apps) -> None:
    # Permissions are normally made after all migrations (post_migrate); this
    # migration needs them now, on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def perm(apps, app_label: str, codename: str):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_home_and_groups(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Collection = apps.get_model("wagtailcore", "Collection")
    HomePage = apps.get_model("core", "HomePage")
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    ensure_permissions(apps)
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

    access_admin = perm(apps, "wagtailadmin", "access_admin")
    root_collection = Collection.objects.get(depth=1)
    media_perms = {
        STAFF: ["add_image", "choose_image", "add_document", "choose_document"],
        EDITORS: [
            "add_image", "change_image", "choose_image",
            "add_document", "change_document", "choose_document",
        ],
        COMMUNICATION: [
            "add_image", "change_image", "choose_image",
            "add_document", "change_document", "choose_document",
        ],
    }
    for name, codenames in media_perms.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)
        for codename in codenames:
            app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=perm(apps, app_label, codename),
            )

    communication = Group.objects.get(name=COMMUNICATION)
    for model in ("unit", "topic"):
        for action in ("add", "change", "delete"):
            communication.permissions.add(perm(apps, "core", f"{action}_{model}"))
    # The communication team may edit and publish everything in the tree.
    for action in ("add", "change", "publish", "lock", "unlock"):
        GroupPagePermission.objects.get_or_create(
            group=communication,
            page_id=home.pk,
            permission=perm(apps, "wagtailcore", f"{action}_page"),
        )


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
