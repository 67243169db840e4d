"""The most read stories: a year of reads is summed once per few minutes, and
each viewer's view restrictions apply to what is kept, at every look."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from intranet.insights import dashboard
from intranet.insights.dashboard import Filters, most_read
from tests.factories.core import UserFactory
from tests.factories.insights import StoryReadDayFactory
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def year() -> Filters:
    today = timezone.localdate()
    return Filters(start=today.replace(month=1, day=1), end=today)


def restrict(page, group) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([group])


def titles(rows) -> list[str]:
    from wagtail.models import Page

    pages = Page.objects.in_bulk([row["page_id"] for row in rows])
    return [pages[row["page_id"]].title for row in rows]


def test_a_second_look_does_not_sum_the_years_reads_again(year, team_member):
    for readers in (5, 9, 2):
        StoryReadDayFactory(page=NewsPageFactory(), readers=readers)
    first = most_read(year, user=team_member)
    assert [row["total"] for row in first] == [9, 5, 2]

    with CaptureQueriesContext(connection) as queries:
        again = most_read(year, user=team_member)
    assert again == first
    assert not any(
        "insights_storyreadday" in query["sql"] for query in queries.captured_queries
    )


def test_a_page_closed_after_its_totals_were_kept_is_never_named(year, team_member):
    secret = NewsPageFactory(title="Lønnsforhandlingene")
    StoryReadDayFactory(page=secret, readers=50)
    StoryReadDayFactory(page=NewsPageFactory(title="Ny barnehage"), readers=3)
    assert titles(most_read(year, user=team_member)) == [
        "Lønnsforhandlingene",
        "Ny barnehage",
    ]

    group = Group.objects.create(name="Ledergruppen")
    restrict(secret, group)

    assert titles(most_read(year, user=team_member)) == ["Ny barnehage"]
    member = UserFactory(username="leder", groups=[group.name])
    assert titles(most_read(year, user=member)) == [
        "Lønnsforhandlingene",
        "Ny barnehage",
    ]


def test_when_most_of_the_most_read_is_closed_the_list_is_counted_exactly(
    year, team_member, monkeypatch
):
    monkeypatch.setattr(dashboard, "TOP_STORIES", 2)
    monkeypatch.setattr(dashboard, "READ_CANDIDATES", 2)
    group = Group.objects.create(name="Ledergruppen")
    for number, readers in enumerate((90, 80)):
        page = NewsPageFactory(title=f"Lukket {number}")
        restrict(page, group)
        StoryReadDayFactory(page=page, readers=readers)
    StoryReadDayFactory(page=NewsPageFactory(title="Åpen"), readers=1)
    last_year = year.start - datetime.timedelta(days=3)
    StoryReadDayFactory(page=NewsPageFactory(title="I fjor"), readers=99, day=last_year)

    assert titles(most_read(year, user=team_member)) == ["Åpen"]
