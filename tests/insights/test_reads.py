"""Read counting: once per person per story and day, and no reading history."""

import datetime
import hashlib

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import PageViewRestriction

from intranet.core.roles import EDITORS
from intranet.insights.models import ReadMark, StoryReadDay
from intranet.insights.selectors import story_reach
from intranet.insights.services import read_digest
from tests.factories.cases import (
    CaseIndexPageFactory,
    CasePageFactory,
    CaseUpdatePageFactory,
)
from tests.factories.core import UserFactory
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_index(home_page):
    return CaseIndexPageFactory(parent=home_page)


NOON = datetime.datetime(2026, 11, 10, 12, tzinfo=datetime.UTC)


def readers(page) -> int:
    return sum(StoryReadDay.objects.filter(page=page).values_list("readers", flat=True))


def read(client, user, page):
    client.force_login(user)
    response = client.get(page.url)
    assert response.status_code == 200
    return response


def test_a_colleague_counts_once_a_day_whatever_the_number_of_visits(client):
    page = NewsPageFactory()
    kari, ola = UserFactory(), UserFactory()
    with time_machine.travel(NOON, tick=False):
        for _visit in range(3):
            read(client, kari, page)
        read(client, ola, page)
        assert story_reach(page_id=page.pk).today == 2
    with time_machine.travel(NOON + datetime.timedelta(days=1), tick=False):
        read(client, kari, page)
        reach = story_reach(page_id=page.pk)
    assert (reach.today, reach.total) == (1, 3)
    assert StoryReadDay.objects.filter(page=page).count() == 2


def test_case_updates_are_counted_too(client, case_index):
    story = CaseUpdatePageFactory(parent=CasePageFactory(parent=case_index))
    read(client, UserFactory(), story)
    assert readers(story) == 1


def test_no_per_person_rows_survive_the_day(client):
    page = NewsPageFactory()
    users = [UserFactory() for _n in range(3)]
    with time_machine.travel(NOON, tick=False):
        for user in users:
            read(client, user, page)
        assert ReadMark.objects.count() == 3
    # The first read of the next day clears yesterday's marks on the fly...
    with time_machine.travel(NOON + datetime.timedelta(days=1), tick=False):
        read(client, users[0], page)
        assert list(ReadMark.objects.values_list("day", flat=True)) == [
            timezone.localdate()
        ]
    # ... and the daily command clears whatever is left; the counts stay.
    with time_machine.travel(NOON + datetime.timedelta(days=2), tick=False):
        call_command("insights_purge", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ReadMark.objects.count() == 0
    assert readers(page) == 4


def test_stored_marks_cannot_be_linked_to_a_user_without_the_secret(client, settings):
    page = NewsPageFactory()
    user = UserFactory()
    with time_machine.travel(NOON, tick=False):
        read(client, user, page)
        day = timezone.localdate()
    # What the table holds, read straight from the database.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM insights_readmark")
        rows = cursor.fetchall()
        columns = [column[0] for column in cursor.description]
    assert columns == ["id", "day", "digest"]
    (_pk, _day, digest) = rows[0]
    # Not the id, the username, nor any unkeyed hash of them.
    assert user.username not in digest
    for guess in (str(user.pk), user.username, f"{day}:{page.pk}:{user.pk}"):
        assert digest != guess
        assert digest not in {
            hashlib.sha256(guess.encode()).hexdigest(),
            hashlib.md5(guess.encode()).hexdigest(),  # noqa: S324
        }
    # Only the secret key reproduces it; another key gives another value.
    assert digest == read_digest(page_id=page.pk, user_id=user.pk, day=day)
    settings.SECRET_KEY = "another-secret-key-for-this-test"
    assert digest != read_digest(page_id=page.pk, user_id=user.pk, day=day)
    # And the model has no field pointing at a person.
    fields = {field.name for field in ReadMark._meta.get_fields()}
    assert fields == {"id", "day", "digest"}


def test_the_same_person_looks_different_on_another_story_or_day():
    day = datetime.date(2026, 11, 10)
    first = read_digest(page_id=1, user_id=7, day=day)
    assert first != read_digest(page_id=2, user_id=7, day=day)
    assert first != read_digest(
        page_id=1, user_id=7, day=day + datetime.timedelta(days=1)
    )


def test_a_reader_refused_by_a_view_restriction_is_not_counted(client):
    page = NewsPageFactory()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(UserFactory())
    assert client.get(page.url).status_code != 200
    assert readers(page) == 0
    client.force_login(UserFactory(groups=[EDITORS]))
    assert client.get(page.url).status_code == 200
    assert readers(page) == 1


def test_the_count_shows_to_the_author_and_the_team_only(client, team_member, editor):
    page = NewsPageFactory(owner=editor)
    colleague = UserFactory()
    read(client, colleague, page)
    read(client, team_member, page)
    assert "Lest av 2 kolleger i dag" in read(client, team_member, page).text
    assert "Lest av 3 kolleger i dag" in read(client, editor, page).text
    assert "Lest av" not in read(client, colleague, page).text


def test_case_owners_see_the_count_on_their_updates(client, case_index):
    owner, other = UserFactory(), UserFactory()
    case = CasePageFactory(parent=case_index, owners=[owner])
    story = CaseUpdatePageFactory(parent=case)
    assert "Lest av" not in read(client, other, story).text
    assert "Lest av 2 kolleger i dag, 2 totalt" in read(client, owner, story).text


def test_a_second_visit_the_same_day_writes_nothing(
    client, django_capture_on_commit_callbacks
):
    """A colleague's second look at a story is known already: no mark is
    written or tried again, and the count stays one."""
    from django.test.utils import CaptureQueriesContext

    page = NewsPageFactory()
    kari = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):  # the request commits
        read(client, kari, page)

    with CaptureQueriesContext(connection) as queries:
        read(client, kari, page)

    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert not [sql for sql in writes if "insights_" in sql]
    assert readers(page) == 1


def test_the_database_still_counts_once_when_the_cache_forgot(client):
    from django.core.cache import cache

    page = NewsPageFactory()
    kari = UserFactory()
    with time_machine.travel(NOON, tick=False):
        read(client, kari, page)
        cache.clear()
        read(client, kari, page)
        read(client, kari, page)
        assert readers(page) == 1
        # The mark known in the cache lasts the day, as the stored mark.
        read(client, UserFactory(), page)
    with time_machine.travel(NOON + datetime.timedelta(hours=13), tick=False):
        read(client, kari, page)
    assert readers(page) == 3
