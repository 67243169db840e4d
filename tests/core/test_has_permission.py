"""One model permission asked in one query, with Django's answer."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.core.selectors import has_permission
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db
VIEW_INSIGHTS = "insights.view_insights"


def permission() -> Permission:
    return Permission.objects.get(
        content_type__app_label="insights", codename="view_insights"
    )


@pytest.fixture
def analysts():
    group = Group.objects.create(name="Analytikere")
    group.permissions.add(permission())
    return group


def test_it_answers_as_django_does_for_every_kind_of_person(analysts):
    member = UserFactory(groups=[])
    member.groups.add(analysts)
    direct = UserFactory(groups=[])
    direct.user_permissions.add(permission())
    nobody = UserFactory(groups=[])
    inactive = UserFactory(groups=[], is_active=False)
    inactive.groups.add(analysts)
    superuser = UserFactory(groups=[], is_superuser=True)

    for person in (member, direct, nobody, inactive, superuser, AnonymousUser()):
        fresh = (
            person
            if isinstance(person, AnonymousUser)
            else type(person).objects.get(pk=person.pk)
        )
        assert has_permission(fresh, VIEW_INSIGHTS) == fresh.has_perm(VIEW_INSIGHTS)
    assert has_permission(member, VIEW_INSIGHTS)
    assert has_permission(direct, VIEW_INSIGHTS)
    assert not has_permission(nobody, VIEW_INSIGHTS)
    assert not has_permission(inactive, VIEW_INSIGHTS)


def permission_reads(queries) -> int:
    return sum("auth_permission" in query["sql"] for query in queries)


def next_request(person):
    """The person as the next request sees them: a new user object."""
    return type(person).objects.get(pk=person.pk)


def test_a_persons_permissions_are_read_once_and_kept_for_later_requests(analysts):
    member = UserFactory(groups=[])
    member.groups.add(analysts)
    with CaptureQueriesContext(connection) as first:
        assert has_permission(member, VIEW_INSIGHTS)
    with CaptureQueriesContext(connection) as later:
        assert has_permission(next_request(member), VIEW_INSIGHTS)

    assert permission_reads(first) == 1
    assert permission_reads(later) == 0


def test_kept_permissions_follow_every_change_of_rights(analysts):
    person = UserFactory(groups=[])
    assert not has_permission(next_request(person), VIEW_INSIGHTS)

    person.groups.add(analysts)  # joins a group that has the right
    assert has_permission(next_request(person), VIEW_INSIGHTS)
    analysts.permissions.remove(permission())  # the group loses it
    assert not has_permission(next_request(person), VIEW_INSIGHTS)
    person.user_permissions.add(permission())  # given to the person alone
    assert has_permission(next_request(person), VIEW_INSIGHTS)
    person.user_permissions.clear()
    assert not has_permission(next_request(person), VIEW_INSIGHTS)
    analysts.permissions.add(permission())
    person.groups.remove(analysts)  # leaves the group
    assert not has_permission(next_request(person), VIEW_INSIGHTS)
    other = UserFactory(groups=[])
    other.groups.add(analysts)  # another person in the same group
    assert has_permission(next_request(other), VIEW_INSIGHTS)


def test_once_django_has_read_them_all_it_asks_nothing(analysts):
    member = UserFactory(groups=[])
    member.groups.add(analysts)
    member.has_perm("wagtailadmin.access_admin")  # as the admin does first
    with CaptureQueriesContext(connection) as queries:
        assert has_permission(member, VIEW_INSIGHTS)
    assert len(queries) == 0


def test_several_questions_on_one_page_are_answered_from_one_read(analysts):
    member = UserFactory(groups=[])
    member.groups.add(analysts)
    with CaptureQueriesContext(connection) as queries:
        assert has_permission(member, VIEW_INSIGHTS)
        assert not has_permission(member, "wagtailadmin.access_admin")
        assert not has_permission(member, "insights.add_pulsesurvey")
    assert permission_reads(queries) == 1


def test_joining_or_leaving_a_group_is_seen_by_the_same_person_object(analysts):
    person = UserFactory(groups=[])
    assert not has_permission(person, VIEW_INSIGHTS)
    person.groups.add(analysts)
    assert has_permission(person, VIEW_INSIGHTS)
    person.groups.remove(analysts)
    assert not has_permission(person, VIEW_INSIGHTS)
