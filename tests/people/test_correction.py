# The communication team and unit leaders correct a colleague's name, title and
# unit from the profile; nobody else may, and the user directory's fields stay.
import pytest
from django.contrib.auth import get_user_model
from wagtail.models import ModelLogEntry

from intranet.core.models import StaffProfile, Unit
from intranet.core.roles import COMMUNICATION
from intranet.subscriptions.models import Notification
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

FORM = {
    "first_name": "Kari Anne",
    "last_name": "Nordmann",
    "job_title": "Seniorrådgiver",
}


@pytest.fixture
def other_unit(sector):
    return Unit.objects.create(name="Berg skole", slug="berg-skole", parent=sector)


@pytest.fixture
def team_client(client):
    client.force_login(
        UserFactory(
            username="silje",
            first_name="Silje",
            last_name="Aas",
            groups=[COMMUNICATION],
        )
    )
    return client


def test_the_communication_team_corrects_a_profile_and_the_person_is_told(
    me, team_client, other_unit
):
    page = team_client.get("/personer/kari.nordmann/")
    assert b"/personer/kari.nordmann/korriger/" in page.content

    response = team_client.post(
        "/personer/kari.nordmann/korriger/", {**FORM, "unit": other_unit.pk}
    )

    assert response.status_code == 302
    assert response["Location"] == "/personer/kari.nordmann/"
    me.refresh_from_db()
    assert me.get_full_name() == "Kari Anne Nordmann"
    profile = StaffProfile.objects.get(user=me)
    assert (profile.job_title, profile.unit) == ("Seniorrådgiver", other_unit)
    shown = team_client.get("/personer/kari.nordmann/").content.decode()
    assert "Kari Anne Nordmann" in shown and "Seniorrådgiver" in shown
    told = Notification.objects.get(user=me)
    assert told.title == "Silje Aas korrigerte profilen din"
    entry = ModelLogEntry.objects.get(object_id=str(profile.pk))
    assert entry.user.username == "silje"
    assert entry.data["fields"] == ["first_name", "job_title", "unit"]


def test_a_leader_of_the_persons_sector_may_correct_a_leader_elsewhere_may_not(
    me, client, sector, other_unit
):
    sector_leader = UserFactory(username="sektorleder")
    sector.leaders.add(sector_leader)
    school_leader = UserFactory(username="rektor")
    other_unit.leaders.add(school_leader)

    client.force_login(school_leader)
    assert client.get("/personer/kari.nordmann/korriger/").status_code == 403
    assert b"korriger/" not in client.get("/personer/kari.nordmann/").content
    refused = client.post("/personer/kari.nordmann/korriger/", FORM)
    assert refused.status_code == 403

    client.force_login(sector_leader)
    assert client.post("/personer/kari.nordmann/korriger/", FORM).status_code == 302
    me.refresh_from_db()
    assert me.first_name == "Kari Anne"


def test_colleagues_and_the_person_themselves_may_not_correct(
    me, my_client, colleague_client
):
    for client in (my_client, colleague_client):
        assert client.post("/personer/kari.nordmann/korriger/", FORM).status_code == 403
    me.refresh_from_db()
    assert me.first_name == "Kari"
    assert not Notification.objects.exists()


def test_what_the_user_directory_keeps_is_shown_not_changed(
    me, team_client, other_unit, settings
):
    settings.SSO_ISSUER = "https://login.kommune.example"
    settings.SSO_CLIENT_ID = "intranett"
    settings.SSO_DEPARTMENT_CLAIM = "department"
    from intranet.sso.models import OidcIdentity

    OidcIdentity.objects.create(user=me, issuer=settings.SSO_ISSUER, subject="x")
    form = team_client.get("/personer/kari.nordmann/korriger/").content.decode()
    assert "fra kommunens brukerkatalog" in form

    team_client.post(
        "/personer/kari.nordmann/korriger/", {**FORM, "unit": other_unit.pk}
    )

    me.refresh_from_db()
    profile = StaffProfile.objects.get(user=me)
    assert me.first_name == "Kari"  # the name comes from the directory
    assert profile.unit.slug == "barnehagene"  # so does the unit
    assert profile.job_title == "Seniorrådgiver"  # the title does not (no claim)


def test_bad_input_is_named_in_norwegian_and_nothing_changes(me, team_client):
    response = team_client.post(
        "/personer/kari.nordmann/korriger/",
        {"first_name": "   ", "job_title": "x" * 500, "unit": "99999"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Skriv fornavnet." in text
    assert "Velg en enhet fra listen." in text
    me.refresh_from_db()
    assert me.first_name == "Kari"
    assert team_client.get("/personer/finnes.ikke/korriger/").status_code == 404


def test_an_unchanged_form_tells_nobody(me, team_client, unit):
    team_client.post(
        "/personer/kari.nordmann/korriger/",
        {
            "first_name": "Kari",
            "last_name": "Nordmann",
            "job_title": "Rådgiver",
            "unit": unit.pk,
        },
    )
    assert not Notification.objects.exists()
    assert get_user_model().objects.get(pk=me.pk).first_name == "Kari"
