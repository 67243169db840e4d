"""The composer lets the author say which sectors or units an update is
especially for (the front page puts it first for them), and keeps the choice
when the story is edited."""

import pytest
from django.urls import reverse

from cases.models import CaseUpdatePage
from tests.composer.helpers import composer_form
from tests.factories.cases import CaseUpdatePageFactory
from tests.factories.core import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sector(db):
    return UnitFactory(name="Helse og omsorg", slug="helse")


@pytest.fixture
def home_care(sector):
    return UnitFactory(name="Hjemmetjenesten", slug="hjemmetjenesten", parent=sector)


def units_of(update) -> list:
    """The live page's units, read afresh from the database."""
    return list(CaseUpdatePage.objects.get(pk=update.pk).target_units.all())


def test_an_owner_writes_an_update_for_a_unit(client, owner, case, home_care, sector):
    client.force_login(owner)
    url = reverse("composer:update_new", args=[case.pk])
    page = client.get(url).content.decode()
    assert "Særlig for noen enheter? (valgfritt)" in page
    # Sectors first, each with its units under it.
    assert page.index("Helse og omsorg") < page.index("Hjemmetjenesten")

    client.post(
        url,
        composer_form(
            client,
            url,
            title="Nye nøkkelbokser",
            intro="Fra mandag bruker vi digitale nøkkelbokser.",
            target_units=[home_care.pk],
            action="publish",
        ),
    )

    update = CaseUpdatePage.objects.child_of(case).get()
    assert update.live
    assert list(update.target_units.all()) == [home_care]


def test_editing_keeps_and_changes_the_units(client, owner, case, home_care, sector):
    update = CaseUpdatePageFactory(parent=case, title="Nye nøkkelbokser")
    update.target_units.set([home_care])
    update.save_revision(user=owner).publish(user=owner)
    client.force_login(owner)
    edit_url = reverse("composer:edit", args=[update.pk])

    data = composer_form(client, edit_url)
    assert data["target_units"] == [str(home_care.pk)]
    client.post(edit_url, {**data, "action": "publish"})
    assert units_of(update) == [home_care]

    client.post(
        edit_url,
        composer_form(client, edit_url, target_units=[sector.pk], action="publish"),
    )
    assert units_of(update) == [sector]


def test_an_unknown_unit_is_a_form_error_and_nothing_is_lost(client, owner, case):
    client.force_login(owner)
    url = reverse("composer:update_new", args=[case.pk])

    response = client.post(
        url,
        composer_form(
            client,
            url,
            title="Nye nøkkelbokser",
            intro="Fra mandag.",
            target_units=["999999"],
            action="publish",
        ),
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "Velg et gyldig valg" in body
    assert 'value="Nye nøkkelbokser"' in body
    assert not CaseUpdatePage.objects.child_of(case).exists()
