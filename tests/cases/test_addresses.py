"""New pages get plain ASCII addresses, as the seeded ones have: a case owner
who shares a link to "Nå får vi ny skolevei" sends /na-far-vi-ny-skolevei/,
not /n%C3%A5-f%C3%A5r-…/."""

import pytest
from django.utils import timezone

from cases import services
from tests.factories.core import UnitFactory

pytestmark = pytest.mark.django_db


def publish(case, owner, title):
    return services.case_update_create(
        case=case,
        title=title,
        intro="Dette har skjedd.",
        author=owner,
        publication_date=timezone.now(),
    )


def test_norwegian_letters_become_ascii_in_a_new_address(client, case_index, owner):
    case = services.case_create(
        index=case_index,
        title="Ørnes skole får ny gymsal",
        owners=[owner],
        summary="Ny gymsal.",
        communication_need="none",
        unit=UnitFactory(),
    )
    update = publish(case, owner, "Nå åpner Ærfuglen barnehage")

    assert case.slug == "ornes-skole-far-ny-gymsal"
    assert update.slug == "na-apner-aerfuglen-barnehage"
    client.force_login(owner)
    assert client.get(update.url).status_code == 200
    assert update.url.isascii()


def test_the_same_title_twice_gets_two_addresses(case, owner):
    first = publish(case, owner, "Status på brøytingen")
    second = publish(case, owner, "Status på brøytingen")

    assert first.slug == "status-pa-broytingen"
    assert second.slug == "status-pa-broytingen-2"
