"""Who may list, edit and delete activities in the Wagtail admin."""

import datetime

import pytest
from django.contrib.auth.models import Permission

from intranet.planning.models import ActivityStatus, CommunicationActivity
from tests.factories.news import NewsPageFactory
from tests.factories.planning import ActivityFactory

pytestmark = pytest.mark.django_db

BASE = "/admin/snippets/planning/communicationactivity/"


@pytest.fixture(autouse=True)
def admin_access(db):
    from django.contrib.auth.models import Group

    from intranet.core.roles import STAFF

    Group.objects.get(name=STAFF).permissions.add(
        Permission.objects.get(codename="access_admin")
    )


@pytest.fixture
def activity(owner):
    return ActivityFactory(title="Eierens tiltak", owners=[owner])


@pytest.fixture
def someone_elses(other_staff):
    return ActivityFactory(title="Andres tiltak", owners=[other_staff])


@pytest.mark.parametrize(
    ("who", "edit", "delete", "listed"),
    [
        ("owner", 200, 200, {"Eierens tiltak"}),
        ("other_staff", 302, 302, {"Andres tiltak"}),
        ("team_member", 200, 200, {"Eierens tiltak", "Andres tiltak"}),
    ],
)
def test_permission_matrix(
    client, request, activity, someone_elses, who, edit, delete, listed
):
    user = request.getfixturevalue(who)
    client.force_login(user)

    listing = client.get(BASE)
    edit_page = client.get(f"{BASE}edit/{activity.pk}/")
    delete_page = client.get(f"{BASE}delete/{activity.pk}/")

    assert listing.status_code == 200
    assert {str(obj) for obj in listing.context["object_list"]} == listed
    assert edit_page.status_code == edit
    assert delete_page.status_code == delete
    if who == "other_staff":
        client.post(f"{BASE}delete/{activity.pk}/")
        assert CommunicationActivity.objects.filter(pk=activity.pk).exists()


def test_an_owner_edits_and_deletes_their_own(client, owner, activity):
    client.force_login(owner)

    response = client.post(
        f"{BASE}edit/{activity.pk}/",
        {
            "title": "Nytt navn",
            "description": "",
            "start_date": "2027-05-10",
            "end_date": "",
            "owners": [owner.pk],
            "status": "planned",
            "proactive": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    activity.refresh_from_db()
    assert activity.title == "Nytt navn"
    assert activity.end_date == datetime.date(2027, 5, 10)

    client.post(f"{BASE}delete/{activity.pk}/")
    assert not CommunicationActivity.objects.filter(pk=activity.pk).exists()


def test_an_owner_cannot_remove_themselves_and_end_before_start_is_refused(
    client, owner, other_staff, activity
):
    client.force_login(owner)

    response = client.post(
        f"{BASE}edit/{activity.pk}/",
        {
            "title": "X",
            "start_date": "2027-05-10",
            "end_date": "2027-05-01",
            "owners": [other_staff.pk],
            "status": "planned",
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "owners" in errors
    assert "end_date" in errors


def test_linking_a_story_in_the_admin_marks_the_activity_done(
    client, team_member, activity, home_page
):
    story = NewsPageFactory()
    client.force_login(team_member)

    response = client.post(
        f"{BASE}edit/{activity.pk}/",
        {
            "title": activity.title,
            "start_date": "2027-05-10",
            "owners": [o.pk for o in activity.owners.all()],
            "status": "planned",
            "story": story.pk,
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.DONE
    assert activity.story_id == story.pk


def test_staff_add_activities_in_the_admin_for_themselves(client, owner):
    client.force_login(owner)

    assert client.get(f"{BASE}add/").status_code == 200
    response = client.post(
        f"{BASE}add/",
        {
            "title": "Nytt",
            "start_date": "2027-05-10",
            "owners": [owner.pk],
            "status": "planned",
        },
    )

    assert response.status_code == 302, response.context["form"].errors
    assert list(CommunicationActivity.objects.get(title="Nytt").owners.all()) == [owner]


def test_the_edit_form_offers_a_case_chooser_not_every_case(
    client, team_member, home_page
):
    """With thousands of cases a drop-down of all of them is unusable (and slow):
    the case is picked in Wagtail's page chooser."""
    from tests.factories.cases import CasePageFactory

    chosen = CasePageFactory(parent=home_page, title="Ny barnehage i sentrum")
    for n in range(5):
        CasePageFactory(parent=home_page, title=f"En helt annen sak {n}")
    activity = ActivityFactory(title="Åpningen", owners=[team_member], case=chosen)
    client.force_login(team_member)

    body = client.get(f"{BASE}edit/{activity.pk}/").content.decode()

    assert "Ny barnehage i sentrum" in body
    assert "En helt annen sak" not in body
