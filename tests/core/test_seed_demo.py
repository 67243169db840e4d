import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from intranet.core.models import StaffProfile, Topic, Unit

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "sectors": Unit.objects.sectors().count(),
        "units": Unit.objects.filter(parent__isnull=False).count(),
        "topics": Topic.objects.count(),
        "users": get_user_model().objects.count(),
        "profiles_with_unit": StaffProfile.objects.filter(unit__isnull=False).count(),
    }


def test_seed_demo_twice_gives_the_same_data():
    call_command("seed_demo", stdout=None)
    first = counts()
    call_command("seed_demo")

    assert counts() == first
    assert first["sectors"] == 3
    assert first["units"] >= 8
    assert first["topics"] >= 12
    assert first["users"] >= 15
    assert first["profiles_with_unit"] == first["users"]


def test_seed_demo_people_can_log_in_with_the_demo_password(client):
    call_command("seed_demo")

    for username in ["kari.nordmann", "hilde.strand", "silje.aas"]:
        assert client.login(username=username, password="demo1234")
        assert client.get("/").status_code == 200


def test_each_role_is_represented():
    call_command("seed_demo")
    User = get_user_model()

    for group in ["Ansatte", "Redaktører", "Kommunikasjon"]:
        assert User.objects.filter(groups__name=group).exists()


def test_if_empty_leaves_existing_data_alone(capsys):
    call_command("seed_demo")
    Topic.objects.filter(slug="kultur").delete()

    call_command("seed_demo", "--if-empty")

    assert not Topic.objects.filter(slug="kultur").exists()


def test_reset_recreates_the_demo_data():
    call_command("seed_demo")
    Topic.objects.filter(slug="kultur").update(name="Endret")

    call_command("seed_demo", "--reset")

    assert Topic.objects.get(slug="kultur").name == "Kultur"
