"""The plan pages keep their rendered activities, and never show a kept copy
that is out of date or meant for someone who may see more.

The year, month and agenda keep what they read and rendered per address, day,
language and access (`views._kept_plan`); every change to an activity (made
in the quick-add form, the admin, by marking it done or by giving it other
owners), to a case, or to who may see what reads the plan again.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories.cases import CasePageFactory
from tests.factories.core import UserFactory
from tests.factories.planning import ActivityFactory

pytestmark = pytest.mark.django_db
YEAR = 2027
PAGES = [
    f"/arshjul/{YEAR}/",
    f"/arshjul/{YEAR}/3/",
    f"/arshjul/agenda/?fra={YEAR}-03-01",
]


@pytest.fixture
def activity(db):
    return ActivityFactory(title="Skolestart", start_date=datetime.date(YEAR, 3, 11))


def text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_a_second_visit_reads_the_plan_from_what_was_kept(client, owner, activity, url):
    client.force_login(owner)
    text(client, url)
    with CaptureQueriesContext(connection) as first_again:
        assert "Skolestart" in text(client, url)
    plan_reads = [
        query["sql"]
        for query in first_again.captured_queries
        if "planning_communicationactivity" in query["sql"]
    ]
    assert plan_reads == []


@pytest.mark.parametrize("url", PAGES)
def test_changes_to_an_activity_show_at_once(client, owner, activity, url):
    client.force_login(owner)
    assert "Skolestart" in text(client, url)

    activity.title = "Skolestart med ny rektor"
    activity.save()
    assert "Skolestart med ny rektor" in text(client, url)

    added = ActivityFactory(title="Foreldremøte", start_date=datetime.date(YEAR, 3, 12))
    assert "Foreldremøte" in text(client, url)

    added.delete()
    assert "Foreldremøte" not in text(client, url)


@pytest.mark.parametrize("url", PAGES)
def test_a_withdrawn_case_takes_its_activities_out_at_once(
    client, owner, case_index, url
):
    case = CasePageFactory(parent=case_index, title="Ny skole på Hovin")
    ActivityFactory(
        title="Pressetreff om skolen", case=case, start_date=datetime.date(YEAR, 3, 11)
    )
    client.force_login(owner)
    assert "Pressetreff om skolen" in text(client, url)

    case.unpublish()  # an activity about a case follows the case's visibility
    assert "Pressetreff om skolen" not in text(client, url)


def test_new_owners_show_in_the_agenda_at_once(client, owner, activity):
    newcomer = UserFactory(first_name="Nora", last_name="Nyansatt")
    url = PAGES[2]
    client.force_login(owner)
    assert "Nora Nyansatt" not in text(client, url)

    activity.owners.add(newcomer)
    assert "Nora Nyansatt" in text(client, url)


def test_a_case_renamed_shows_at_once(client, owner, case_index):
    case = CasePageFactory(parent=case_index, title="Ny skole på Hovin")
    ActivityFactory(
        title="Pressetreff om skolen", case=case, start_date=datetime.date(YEAR, 3, 11)
    )
    url = PAGES[2]
    client.force_login(owner)
    assert "Ny skole på Hovin" in text(client, url)

    case.title = "Ny barneskole på Hovin"
    case.save_revision().publish()
    assert "Ny barneskole på Hovin" in text(client, url)


@pytest.mark.parametrize("url", PAGES)
def test_what_a_member_was_shown_is_never_shown_to_an_outsider(client, case_index, url):
    group = Group.objects.create(name="Omstilling")
    member = UserFactory(groups=[])
    member.groups.add(group)
    outsider = UserFactory(groups=[])
    case = CasePageFactory(parent=case_index, title="Omstilling i rådhuset")
    PageViewRestriction.objects.create(
        page=case, restriction_type=PageViewRestriction.GROUPS
    ).groups.set([group])
    ActivityFactory(
        title="Varsel om nedbemanning",
        case=case,
        start_date=datetime.date(YEAR, 3, 10),
    )

    client.force_login(member)
    assert "Varsel om nedbemanning" in text(client, url)
    client.force_login(outsider)
    assert "Varsel om nedbemanning" not in text(client, url)

    outsider.groups.add(group)  # let in: sees it at once
    assert "Varsel om nedbemanning" in text(client, url)
    member.groups.remove(group)  # shut out: no longer sees it
    client.force_login(member)
    assert "Varsel om nedbemanning" not in text(client, url)


def test_the_filters_are_part_of_what_is_kept(client, owner, activity):
    ActivityFactory(
        title="Budsjettmøte", start_date=datetime.date(YEAR, 3, 12), owners=[owner]
    )
    client.force_login(owner)
    everything = text(client, f"/arshjul/{YEAR}/3/")
    assert "Budsjettmøte" in everything
    assert "Skolestart" in everything

    mine = text(client, f"/arshjul/{YEAR}/3/?owner={owner.username}")
    assert "Budsjettmøte" in mine
    assert "Skolestart" not in mine
