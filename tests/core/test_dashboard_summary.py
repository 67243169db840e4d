"""The admin dashboard's "N pages" is counted once per content version."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from intranet.core.roles import COMMUNICATION, STAFF
from intranet.core.selectors import content_version
from tests.factories.cases import CaseIndexPageFactory
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


def page_count(client) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/admin/").content.decode()
    # "<a href="/admin/pages/3/">12 sider <span …>opprettet i …</span></a>"
    shown = re.search(
        r'href="/admin/pages/\d+/">\s*([\d\s\u00a0]+?)\s+\w+\s*<span', html
    )
    counts = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith(
            'SELECT COUNT(*) AS "__count" FROM "wagtailcore_page"'
        )
    ]
    return int(re.sub(r"\D", "", shown.group(1))), counts


def test_the_page_count_follows_new_and_deleted_pages_without_counting_each_visit(
    client, home_page
):
    client.force_login(UserFactory(groups=[STAFF, COMMUNICATION]))
    first, counted = page_count(client)
    assert counted  # counted once

    again, counted_again = page_count(client)
    assert again == first
    assert counted_again == []  # kept

    page = home_page.add_child(instance=Page(title="Ny side", slug="ny-side"))
    assert page_count(client)[0] == first + 1
    page.delete()
    assert page_count(client)[0] == first


def test_joining_a_team_that_edits_pages_shows_at_once_in_the_count(client, home_page):
    """The count is of the pages the person may work on: joining a group
    that grants pages counts them at the next visit, although no view
    restriction names the group (which keeps everyone's lists)."""
    person = UserFactory(groups=[STAFF])  # may create cases in the case list
    client.force_login(person)
    CaseIndexPageFactory(parent=home_page, title="Saker", slug="saker")
    home_page.add_child(instance=Page(title="Ny side", slug="ny-side"))
    as_staff, _counted = page_count(client)

    version = content_version()
    person.groups.add(Group.objects.get(name=COMMUNICATION))
    assert content_version() == version
    as_communicator, counted = page_count(client)

    assert counted  # counted again, for the new role
    assert as_communicator > as_staff
