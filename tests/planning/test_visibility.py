"""A restricted case's planned measures stay with those who may see the case.

Every surface of the annual plan (year, month, agenda, my activities, the
activity page and its .ics, the personal iCal feed, the quick-add and filter
case lists, the "mark done" story list) applies Wagtail's view restrictions on
the case or its ancestors: a non-member never sees the activity's title,
description or owners; a member does.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from intranet.planning import services
from tests.factories.cases import CasePageFactory, CaseUpdatePageFactory
from tests.factories.core import UserFactory
from tests.factories.planning import ActivityFactory

pytestmark = pytest.mark.django_db
YEAR = 2027
SECRET = "Varsel om nedbemanning"
SECRET_TEXT = "Ansatte i rådhuset får beskjed først"


def restrict(page, group=None):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    if group is not None:
        restriction.groups.set([group])
    return restriction


@pytest.fixture
def group(db):
    return Group.objects.create(name="Omstilling")


@pytest.fixture
def member(group):
    user = UserFactory(username="medlem", first_name="Mia", last_name="Medlem")
    user.groups.add(group)
    return user


@pytest.fixture
def outsider(db):
    return UserFactory(username="utenfor", first_name="Ulf", last_name="Utenfor")


@pytest.fixture
def secret_case(case_index, group):
    case = CasePageFactory(parent=case_index, title="Omstilling i rådhuset")
    restrict(case, group)
    return case


@pytest.fixture
def secret_activity(secret_case, member, outsider):
    return ActivityFactory(
        title=SECRET,
        description=SECRET_TEXT,
        case=secret_case,
        start_date=datetime.date(YEAR, 3, 10),
        owners=[member, outsider],
    )


@pytest.fixture
def open_activity(db):
    return ActivityFactory(title="Skolestart", start_date=datetime.date(YEAR, 3, 11))


def as_user(client, user):
    client.force_login(user)
    return client


SURFACES = [
    f"/arshjul/{YEAR}/",
    f"/arshjul/{YEAR}/3/",
    f"/arshjul/agenda/?fra={YEAR}-01-01",
    "/arshjul/mine/",
]


@pytest.mark.parametrize("url", SURFACES)
def test_a_non_member_never_sees_a_restricted_cases_measure(
    client, outsider, secret_activity, open_activity, url
):
    response = as_user(client, outsider).get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert SECRET not in html
    assert "Omstilling i rådhuset" not in html
    if url != "/arshjul/mine/":
        assert "Skolestart" in html


@pytest.mark.parametrize("url", SURFACES)
def test_a_member_sees_the_restricted_cases_measure(
    client, member, secret_activity, open_activity, url
):
    html = as_user(client, member).get(url).content.decode()

    assert SECRET in html


def test_the_activity_page_and_its_download_are_not_found_for_a_non_member(
    client, outsider, member, secret_activity
):
    as_user(client, outsider)
    for url in (
        f"/arshjul/tiltak/{secret_activity.pk}/",
        f"/arshjul/tiltak/{secret_activity.pk}/kalender.ics",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert SECRET not in response.content.decode()

    as_user(client, member)
    assert SECRET_TEXT in client.get(f"/arshjul/tiltak/{secret_activity.pk}/").text
    assert (
        SECRET in client.get(f"/arshjul/tiltak/{secret_activity.pk}/kalender.ics").text
    )


def test_a_case_restricted_through_an_ancestor_is_hidden_too(
    client, outsider, case_index, group
):
    restrict(case_index, group)
    case = CasePageFactory(parent=case_index, title="Under en lukket saksliste")
    ActivityFactory(title=SECRET, case=case, start_date=datetime.date(YEAR, 3, 10))

    html = as_user(client, outsider).get(f"/arshjul/{YEAR}/").content.decode()

    assert SECRET not in html


def test_a_restriction_without_groups_hides_the_measure_from_everyone_but_superusers(
    client, outsider, case_index
):
    case = CasePageFactory(parent=case_index, title="Ingen grupper")
    restrict(case)
    ActivityFactory(title=SECRET, case=case, start_date=datetime.date(YEAR, 3, 10))
    boss = UserFactory(username="sjef", is_superuser=True)

    assert SECRET not in as_user(client, outsider).get(f"/arshjul/{YEAR}/").text
    assert SECRET in as_user(client, boss).get(f"/arshjul/{YEAR}/").text


def test_a_personal_ical_feed_shows_only_what_its_owner_may_see(
    client, outsider, member, secret_activity, open_activity
):
    outsider_feed = services.calendar_token_regenerate(user=outsider).token
    member_feed = services.calendar_token_regenerate(user=member).token

    outsider_ics = client.get(f"/arshjul/ical/{outsider_feed}.ics").text
    member_ics = client.get(f"/arshjul/ical/{member_feed}.ics").text

    assert "SUMMARY:Skolestart" in outsider_ics
    assert SECRET not in outsider_ics
    assert "Utenfor" in member_ics  # the owners of the measure
    assert f"SUMMARY:{SECRET}" in member_ics


def test_the_case_fields_find_only_cases_the_person_may_see(
    client, outsider, member, secret_case, secret_activity, case_index
):
    CasePageFactory(parent=case_index, title="Ny skolevei")
    unknown = "Ukjent verdi for filteret «Sak»"

    for typed in ("Omstilling i rådhuset", "omstilling", str(secret_case.pk)):
        url = f"/arshjul/{YEAR}/?case={typed}"
        outsider_page = as_user(client, outsider).get(url).content.decode()
        assert unknown in outsider_page
        assert SECRET not in outsider_page
        member_page = as_user(client, member).get(url).content.decode()
        assert unknown not in member_page
        assert SECRET in member_page
    html = as_user(client, outsider).get(f"/arshjul/{YEAR}/?case=skolevei").text
    assert unknown not in html

    def add(user):
        return as_user(client, user).post(
            "/arshjul/ny/",
            {"title": "Infomøte", "start_date": f"{YEAR}-03-01", "case": "omstilling"},
        )

    refused = add(outsider)
    assert refused.status_code == 400
    assert "Ingen sak du kan se har det nummeret eller den tittelen." in refused.text
    assert "Omstilling i rådhuset" not in refused.text
    assert add(member).status_code == 302


def test_a_filter_on_a_restricted_case_is_an_unknown_value(
    client, outsider, secret_case, secret_activity
):
    response = as_user(client, outsider).get(f"/arshjul/{YEAR}/?case={secret_case.pk}")

    html = response.content.decode()
    assert SECRET not in html
    assert "Omstilling i rådhuset" not in html
    assert "Ukjent verdi for filteret «Sak»" in html


def test_the_story_list_for_marking_done_offers_only_stories_the_person_may_see(
    client, outsider, member, secret_case, case_index, group
):
    public_case = CasePageFactory(parent=case_index, title="Åpen sak")
    CaseUpdatePageFactory(parent=public_case, title="Åpen oppdatering")
    hidden_update = CaseUpdatePageFactory(parent=public_case, title="Lukket referat")
    restrict(hidden_update, group)
    CaseUpdatePageFactory(parent=secret_case, title="Referat fra omstillingen")
    activity = ActivityFactory(title="Informere", owners=[outsider, member])

    outsider_html = (
        as_user(client, outsider).get(f"/arshjul/tiltak/{activity.pk}/").text
    )
    member_html = as_user(client, member).get(f"/arshjul/tiltak/{activity.pk}/").text

    assert "Åpen oppdatering" in outsider_html
    assert "Lukket referat" not in outsider_html
    assert "Referat fra omstillingen" not in outsider_html
    assert "Lukket referat" in member_html
    assert "Referat fra omstillingen" in member_html


def test_a_restricted_story_linked_as_done_is_not_named_to_others(
    client, outsider, member, secret_case
):
    update = CaseUpdatePageFactory(parent=secret_case, title="Referat fra omstillingen")
    activity = ActivityFactory(
        title="Informere", owners=[outsider, member], status="done", story=update
    )

    outsider_html = (
        as_user(client, outsider).get(f"/arshjul/tiltak/{activity.pk}/").text
    )
    member_html = as_user(client, member).get(f"/arshjul/tiltak/{activity.pk}/").text
    outsider_mine = as_user(client, outsider).get("/arshjul/mine/").text

    assert "Referat fra omstillingen" not in outsider_html
    assert "Referat fra omstillingen" not in outsider_mine
    assert "Referat fra omstillingen" in member_html
