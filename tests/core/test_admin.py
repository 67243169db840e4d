import pytest
from django.urls import reverse

from intranet.core.models import Unit
from tests.factories.core import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_communication_team_manages_units_in_the_admin(client):
    client.force_login(UserFactory(groups=["Ansatte", "Kommunikasjon"]))
    sector = UnitFactory(name="Helse og omsorg", slug="helse")

    response = client.post(
        reverse("wagtailsnippets_core_unit:add"),
        {"name": "Hjemmetjenesten", "slug": "hjemmetjenesten", "parent": sector.pk},
    )

    assert response.status_code == 302
    assert Unit.objects.get(slug="hjemmetjenesten").parent == sector


def test_ordinary_staff_cannot_change_units(client):
    client.force_login(UserFactory())

    response = client.get(reverse("wagtailsnippets_core_unit:add"))

    assert response.status_code in (302, 403)
    assert not Unit.objects.exists()
