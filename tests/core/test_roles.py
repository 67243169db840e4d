"""What each role may do is one table, and the database holds exactly that."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from wagtail import hooks
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

from intranet.core.roles import (
    COMMUNICATION,
    EDITORS,
    REGISTER_ROLE_RIGHTS,
    ROLES,
    STAFF,
    ModelRight,
    PageRight,
    role_rights,
)
from intranet.core.services import roles_sync
from news.models import NewsIndexPage
from news.services import news_index_create
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

MEDIA = {
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
}
MEDIA_EDITING = MEDIA | {"wagtailimages.change_image", "wagtaildocs.change_document"}

#: Who may do what on a fresh database, written out: a change here is a change
#: in what people may do, so it is made on purpose.
FRESH = {
    STAFF: {
        "model": {"wagtailadmin.access_admin", "planning.add_communicationactivity"},
        "collection": MEDIA,
        "page": set(),
    },
    EDITORS: {
        "model": {"wagtailadmin.access_admin", "dialogue.moderate_comment"},
        "collection": MEDIA_EDITING,
        "page": set(),
    },
    COMMUNICATION: {
        "model": {
            "wagtailadmin.access_admin",
            "dialogue.moderate_comment",
            *(
                f"core.{a}_{m}"
                for m in ("unit", "topic")
                for a in ("add", "change", "delete")
            ),
            "core.change_promote_fields",
            "core.change_plainlanguagesettings",
            "core.change_staffprofile",
            *(f"core.{a}_competence" for a in ("add", "change", "delete")),
            *(f"cases.{a}_unitreview" for a in ("add", "change", "delete")),
            "insights.view_insights",
            *(f"insights.{a}_pulsesurvey" for a in ("view", "add", "change", "delete")),
            *(f"notices.{a}_alert" for a in ("view", "add", "change", "delete")),
            "notices.view_pagefeedback",
            "notices.change_pagefeedback",
            *(
                f"planning.{a}_communicationactivity"
                for a in ("view", "add", "change", "delete")
            ),
            *(f"promotion.{a}_promotion" for a in ("view", "add", "change")),
            *(
                f"search.{a}_{m}"
                for m in ("bestbet", "synonymgroup")
                for a in ("add", "change", "delete")
            ),
        },
        "collection": MEDIA_EDITING,
        "page": {
            ("Forsiden", f"{action}_page")
            for action in ("add", "change", "publish", "lock", "unlock")
        },
    },
}


def permission_name(permission: Permission) -> str:
    return f"{permission.content_type.app_label}.{permission.codename}"


def held() -> dict:
    """Every right the role groups hold, read from the database."""
    rights = {}
    for group in Group.objects.filter(name__in=ROLES):
        rights[group.name] = {
            "model": {permission_name(p) for p in group.permissions.all()},
            "collection": {
                permission_name(row.permission)
                for row in GroupCollectionPermission.objects.filter(group=group)
            },
            "page": {
                (row.page.title, row.permission.codename)
                for row in GroupPagePermission.objects.filter(group=group)
            },
        }
    return rights


def expanded(table) -> dict:
    """The rights a table gives on the pages and collections there are now."""
    rights = {
        role: {"model": set(), "collection": set(), "page": set()} for role in ROLES
    }
    for row in table:
        if isinstance(row, ModelRight):
            rights[row.role]["model"].add(row.permission)
        elif isinstance(row, PageRight):
            app_label, model = row.page_type.split(".")
            for page in Page.objects.filter(
                content_type__app_label=app_label, content_type__model=model.lower()
            ):
                rights[row.role]["page"].add((page.title, f"{row.action}_page"))
        else:
            rights[row.role]["collection"].add(row.permission)
    return rights


def test_a_fresh_database_holds_exactly_the_table():
    assert held() == expanded(role_rights())
    assert held() == FRESH


def test_a_second_sync_changes_nothing():
    before = held()

    report = roles_sync()

    assert not report.changed
    assert held() == before


def test_a_changed_table_is_applied_and_the_old_table_restored():
    table = role_rights()
    changed = (table - {ModelRight(EDITORS, "dialogue.moderate_comment")}) | {
        ModelRight(STAFF, "core.add_topic")
    }

    report = roles_sync(rights=changed)

    assert (report.granted, report.revoked) == (1, 1)
    assert held() == expanded(changed)
    editor = UserFactory(groups=[STAFF, EDITORS])
    assert not editor.has_perm("dialogue.moderate_comment")
    assert editor.has_perm("core.add_topic")

    roles_sync()

    assert held() == FRESH


def test_a_right_given_by_hand_is_taken_away_and_other_groups_are_left_alone():
    staff = Group.objects.get(name=STAFF)
    other = Group.objects.create(name="Ledergruppen")
    delete_unit = Permission.objects.get(codename="delete_unit")
    staff.permissions.add(delete_unit)
    other.permissions.add(delete_unit)
    GroupCollectionPermission.objects.create(
        group=staff,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(codename="delete_image"),
    )

    report = roles_sync()

    assert report.revoked == 2
    assert held() == FRESH
    assert list(other.permissions.all()) == [delete_unit]


def test_an_app_adds_its_rows_through_the_hook():
    def more_rights():
        return [ModelRight(EDITORS, "core.change_topic")]

    with hooks.register_temporarily(REGISTER_ROLE_RIGHTS, more_rights):
        roles_sync()

        assert "core.change_topic" in held()[EDITORS]["model"]


def test_a_new_news_index_is_open_to_the_editors_at_once(home_page):
    index = news_index_create(parent=home_page, title="Nyheter", slug="nyheter")

    assert held()[EDITORS]["page"] == {
        ("Nyheter", "add_page"),
        ("Nyheter", "change_page"),
        ("Nyheter", "publish_page"),
    }
    assert not roles_sync().changed
    assert isinstance(index, NewsIndexPage)


def test_a_mistake_in_the_table_stops_the_sync_and_changes_nothing():
    before = held()

    with pytest.raises(ImproperlyConfigured, match="core.fly_unit"):
        roles_sync(rights=[*role_rights(), ModelRight(STAFF, "core.fly_unit")])
    with pytest.raises(ImproperlyConfigured, match="core.Unit"):
        roles_sync(rights=[PageRight(STAFF, "core.Unit", "add")])

    assert held() == before


def test_migrate_restores_the_table():
    Group.objects.get(name=COMMUNICATION).permissions.clear()

    call_command("migrate", verbosity=0)

    assert held() == FRESH


def test_role_checks_read_the_groups_once_and_follow_a_membership_change(
    django_assert_num_queries,
):
    from cases.selectors import sees_communication_overview
    from intranet.core.roles import group_names
    from intranet.dialogue.rules import is_moderator
    from intranet.reach.selectors import is_communication_team, may_see_overview

    roles_sync()
    person = UserFactory()
    with django_assert_num_queries(1):
        answers = [
            is_communication_team(person),
            may_see_overview(person),
            is_moderator(person),
            sees_communication_overview(user=person),
        ]
    assert answers == [False, False, False, False]

    person.groups.add(Group.objects.get(name=COMMUNICATION))

    assert COMMUNICATION in group_names(person)
    assert is_communication_team(person)
    assert is_moderator(person)
    assert sees_communication_overview(user=person)
