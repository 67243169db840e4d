"""The explorer's rows are kept per person and page (`intranet.core.explorer`):
a second visit renders no row again, and whatever a row shows changes at
the next visit when the page, the person's rights or the page's privacy
change."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail import hooks
from wagtail.models import GroupPagePermission, PageViewRestriction

from tests.factories.cases import CasePageFactory
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(case_index, owner):
    return [
        CasePageFactory(parent=case_index, title="Ny skolevei", owners=[owner]),
        CasePageFactory(parent=case_index, title="Bredbånd i bygda"),
    ]


def rows(client, case_index) -> str:
    """The explorer's table body (without the dates, which say how long ago)."""
    response = client.get(reverse("wagtailadmin_explore", args=[case_index.pk]))
    assert response.status_code == 200
    body = response.content.decode().split("<tbody>", 1)[1].split("</tbody>")[0]
    return re.sub(r'<td class="[^"]*updated.*?</td>', "", body, flags=re.S)


def edit_link(page) -> str:
    return f'href="{reverse("wagtailadmin_pages:edit", args=[page.pk])}"'


def test_a_second_visit_renders_no_row_again_and_shows_the_same(
    client, case_index, cases, communication_member
):
    client.force_login(communication_member)
    menus = []

    def count_menus(page, user, next_url=None):
        menus.append(page.pk)
        return []

    with hooks.register_temporarily("register_page_listing_more_buttons", count_menus):
        first = rows(client, case_index)
        built_first = len(menus)
        second = rows(client, case_index)

    assert built_first == 2  # one menu of actions per case
    assert len(menus) == built_first  # none built on the second visit
    assert second == first
    assert "Ny skolevei" in second and edit_link(cases[1]) in second


def test_rows_kept_for_one_person_are_not_shown_to_another(
    client, case_index, cases, communication_member, owner
):
    client.force_login(communication_member)
    seen_by_team = rows(client, case_index)
    assert edit_link(cases[0]) in seen_by_team
    assert edit_link(cases[1]) in seen_by_team

    client.force_login(owner)
    seen_by_owner = rows(client, case_index)

    assert edit_link(cases[0]) in seen_by_owner  # their own case
    assert edit_link(cases[1]) not in seen_by_owner


def test_a_right_given_to_a_group_shows_at_the_next_visit(
    client, case_index, cases, owner
):
    client.force_login(owner)
    assert edit_link(cases[1]) not in rows(client, case_index)

    group = Group.objects.create(name="Prosjektgruppe")
    owner.groups.add(group)
    GroupPagePermission.objects.create(
        group=group, page=case_index, permission_type="change"
    )

    assert edit_link(cases[1]) in rows(client, case_index)


def test_a_new_title_shows_at_the_next_visit(
    client, case_index, cases, communication_member
):
    client.force_login(communication_member)
    assert "Ny skolevei" in rows(client, case_index)

    case = cases[0]
    case.title = "Tryggere skolevei"
    case.save_revision(user=communication_member)

    after = rows(client, case_index)
    assert "Tryggere skolevei" in after
    assert "Ny skolevei" not in after


def test_a_lock_and_a_restriction_show_at_the_next_visit(
    client, case_index, cases, communication_member
):
    client.force_login(communication_member)
    before = rows(client, case_index)
    assert "icon-lock" not in before
    assert "icon-no-view" not in before

    case = cases[0]
    case.locked = True
    case.locked_by = UserFactory(username="laaser")
    case.save(update_fields=["locked", "locked_by"])
    assert "icon-lock" in rows(client, case_index)

    PageViewRestriction.objects.create(
        page=cases[1], restriction_type=PageViewRestriction.LOGIN
    )
    assert "icon-no-view" in rows(client, case_index)
