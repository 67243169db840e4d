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


# Each full seed takes about a minute: the tests share runs where they can.
def test_seed_demo_twice_gives_the_same_data_and_every_role_logs_in(client):
    call_command("seed_demo", stdout=None)
    first = counts()
    call_command("seed_demo")

    assert counts() == first
    assert first["sectors"] == 3
    assert first["units"] >= 8
    assert first["topics"] >= 12
    assert first["users"] >= 15
    assert first["profiles_with_unit"] == first["users"]
    for group in ["Ansatte", "Redaktører", "Kommunikasjon"]:
        assert get_user_model().objects.filter(groups__name=group).exists()
    for username in ["kari.nordmann", "hilde.strand", "silje.aas"]:
        assert client.login(username=username, password="demo1234")
        assert client.get("/").status_code == 200


def test_if_empty_leaves_a_database_with_units_alone(capsys):
    Unit.objects.create(name="Vår egen enhet", slug="var-egen-enhet")

    call_command("seed_demo", "--if-empty")

    assert "skipping" in capsys.readouterr().out
    assert list(Unit.objects.values_list("slug", flat=True)) == ["var-egen-enhet"]
    assert not Topic.objects.exists()


def test_reset_recreates_the_demo_data():
    call_command("seed_demo")
    Topic.objects.filter(slug="kultur").update(name="Endret")

    call_command("seed_demo", "--reset")

    assert Topic.objects.get(slug="kultur").name == "Kultur"
