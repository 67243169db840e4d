"""The communication team corrects title, unit and phone; nobody else in the admin."""

from django.test import Client
from django.urls import reverse

from intranet.core.models import StaffProfile
from intranet.core.roles import COMMUNICATION
from tests.factories.core import UserFactory


def test_the_communication_team_corrects_title_and_unit(me, school_unit):
    team = Client()
    team.force_login(UserFactory(username="silje", groups=[COMMUNICATION]))
    profile = StaffProfile.objects.get(user=me)
    profile.about = "Mitt eget"
    profile.save()

    response = team.post(
        reverse("wagtailsnippets_core_staffprofile:edit", args=[profile.pk]),
        {"job_title": "Enhetsleder", "unit": school_unit.pk, "phone": "63801234"},
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.job_title, profile.unit) == ("Enhetsleder", school_unit)
    assert profile.about == "Mitt eget"


def test_staff_cannot_change_profiles_in_the_admin(my_client, me):
    profile = StaffProfile.objects.get(user=me)
    url = reverse("wagtailsnippets_core_staffprofile:edit", args=[profile.pk])

    response = my_client.post(url, {"job_title": "Sjef", "unit": "", "phone": ""})

    assert response.status_code in (302, 403)
    profile.refresh_from_db()
    assert profile.job_title == "Rådgiver"
