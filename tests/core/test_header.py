"""The header's link to the publishing tool follows who may open it."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.core.services import roles_sync
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

PUBLISH_LINK = '<li><a href="/admin/">'


def header(client) -> str:
    html = client.get("/abonnementer/").content.decode()
    return html[: html.index("</header>")]


def test_the_publish_link_is_there_for_those_who_may_open_the_publishing_tool(
    client,
):
    roles_sync()
    staff = UserFactory()  # in the staff role, which may publish
    outsider = UserFactory()
    outsider.groups.clear()
    custom = Group.objects.create(name="Vikarer")
    custom.permissions.add(Permission.objects.get(codename="access_admin"))
    temp = UserFactory()
    temp.groups.set([custom])

    client.force_login(staff)
    assert PUBLISH_LINK in header(client)
    client.force_login(outsider)
    assert PUBLISH_LINK not in header(client)
    client.force_login(temp)
    assert PUBLISH_LINK in header(client)


def test_the_publish_link_reads_one_permission_not_all(client):
    roles_sync()
    client.force_login(UserFactory())

    with CaptureQueriesContext(connection) as queries:
        html = header(client)

    assert PUBLISH_LINK in html
    permission_reads = [
        q["sql"] for q in queries.captured_queries if "auth_permission" in q["sql"]
    ]
    assert len(permission_reads) == 1
    # The next page reads none: they are kept until a right changes.
    with CaptureQueriesContext(connection) as queries:
        header(client)
    assert not any("auth_permission" in q["sql"] for q in queries.captured_queries)
