"""The admin's sidebar is built once per person and kept: every page after the
first reuses it, and whatever changes what it shows (a right given to one of
the person's groups, a page permission, a new group, a new name, another
language) shows on the next page."""

import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail import hooks
from wagtail.models import GroupPagePermission
from wagtail.users.models import UserProfile

from intranet.core.models import ADMIN_MENU_SCOPE
from intranet.core.roles import COMMUNICATION, STAFF
from intranet.core.services import content_version_bump
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

BOARD = "/admin/formidling/tavle/"


def sidebar(client) -> str:
    response = client.get("/admin/")
    assert response.status_code == 200
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.dumps(json.loads(props.group(1)), ensure_ascii=False)


@pytest.fixture
def project_group(db):
    return Group.objects.create(name="Prosjekt Sørumsand")


@pytest.fixture
def member(client, project_group):
    user = UserFactory(username="ola", first_name="Ola", groups=[STAFF])
    user.groups.add(project_group)
    client.force_login(user)
    return user


def test_a_right_given_to_a_group_shows_in_the_menu_at_the_next_page(
    client, member, project_group
):
    assert BOARD not in sidebar(client)

    project_group.permissions.add(Permission.objects.get(codename="change_promotion"))
    assert BOARD in sidebar(client)

    project_group.permissions.clear()
    assert BOARD not in sidebar(client)


def test_joining_the_team_shows_its_menu_at_the_next_page(client, member):
    assert BOARD not in sidebar(client)

    member.groups.add(Group.objects.get(name=COMMUNICATION))

    assert BOARD in sidebar(client)


def test_a_page_permission_shows_the_pages_menu(
    client, member, project_group, home_page
):
    before = sidebar(client)
    GroupPagePermission.objects.create(
        group=project_group, page=home_page, permission_type="change"
    )
    after = sidebar(client)

    assert '"name": "explorer"' not in before
    assert '"name": "explorer"' in after


def test_each_person_sees_their_own_name(client, member):
    assert '"name": "Ola"' in sidebar(client)

    client.force_login(UserFactory(username="kari", first_name="Kari", groups=[STAFF]))
    assert '"name": "Kari"' in sidebar(client)

    member.first_name = "Ole"
    member.save()
    client.force_login(member)
    assert '"name": "Ole"' in sidebar(client)


def test_the_menu_follows_the_chosen_language(client, member):
    assert '"label": "Konto"' in sidebar(client)

    profile = UserProfile.get_for_user(member)
    profile.preferred_language = "en"
    profile.save()

    assert '"label": "Account"' in sidebar(client)


def test_a_page_after_the_first_builds_no_menu(client, member):
    """Wagtail asks its ``construct_main_menu`` hooks each time it builds the
    menu: once for the first page, not for the next, again once it moved."""
    built = []

    def count(request, menu_items):
        built.append(request.path)

    with hooks.register_temporarily("construct_main_menu", count):
        client.get("/admin/")
        client.get("/admin/account/")
        assert built == ["/admin/"]

        content_version_bump(scopes=[ADMIN_MENU_SCOPE])
        client.get("/admin/account/")
        assert built == ["/admin/", "/admin/account/"]


def test_a_new_avatar_shows_at_the_next_page(client, member):
    assert "avatar-ola" not in sidebar(client)

    profile = UserProfile.get_for_user(member)
    profile.avatar = "avatar_images/avatar-ola.png"
    profile.save()

    assert "avatar-ola" in sidebar(client)


def test_a_dismissed_new_mark_stays_dismissed_at_the_next_page(client, member):
    dismissed = '"data-w-dismissible-dismissed-value": "true"'
    assert dismissed not in sidebar(client)

    profile = UserProfile.get_for_user(member)
    profile.dismissibles = {"help": True}
    profile.save()

    assert dismissed in sidebar(client)
