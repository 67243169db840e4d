"""One unit filter for every list: sectors with their units, forgiving of bad input."""

import pytest
from django import forms
from django.utils import translation

from intranet.core.filters import UnitFilterField
from tests.factories.core import UnitFactory

pytestmark = pytest.mark.django_db

INDENT = "\u00a0" * 3


class UnitForm(forms.Form):
    unit = UnitFilterField()


class SectorForm(forms.Form):
    sector = UnitFilterField(sectors_only=True)


class AdminUnitForm(forms.Form):
    unit = UnitFilterField(to_field_name=None)


@pytest.fixture
def organisation():
    health = UnitFactory(name="Helse og omsorg", slug="helse")
    school = UnitFactory(name="Oppvekst", slug="oppvekst")
    UnitFactory(name="Sykehjem", slug="sykehjem", parent=health)
    UnitFactory(name="Hjemmetjenesten", slug="hjemme", parent=health)
    UnitFactory(name="Barnehagene", slug="barnehagene", parent=school)
    return {"health": health, "school": school}


def options(form: forms.Form, name: str) -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in form.fields[name].choices]


def test_each_sector_is_followed_by_its_units_indented(organisation):
    with translation.override("nb"):
        shown = options(UnitForm(), "unit")

    assert shown == [
        ("", "Alle enheter"),
        ("helse", "Helse og omsorg"),
        ("hjemme", f"{INDENT}Hjemmetjenesten"),
        ("sykehjem", f"{INDENT}Sykehjem"),
        ("oppvekst", "Oppvekst"),
        ("barnehagene", f"{INDENT}Barnehagene"),
    ]


def test_the_sector_filter_offers_the_sectors_alone(organisation):
    with translation.override("nb"):
        shown = options(SectorForm(), "sector")

    assert shown == [
        ("", "Alle sektorer"),
        ("helse", "Helse og omsorg"),
        ("oppvekst", "Oppvekst"),
    ]


def test_a_unit_is_chosen_by_its_slug_and_in_the_admin_by_its_id(organisation):
    health = organisation["health"]

    by_slug = UnitForm({"unit": "helse"})
    by_id = AdminUnitForm({"unit": str(health.pk)})

    assert by_slug.is_valid() and by_slug.cleaned_data["unit"] == health
    assert by_id.is_valid() and by_id.cleaned_data["unit"] == health
    assert not UnitForm({"unit": str(health.pk)}).is_valid()
    assert not AdminUnitForm({"unit": "helse"}).is_valid()


@pytest.mark.parametrize(
    ("form_class", "value", "message"),
    [
        (UnitForm, "finnes-ikke", "Det finnes ingen enhet «finnes-ikke»."),
        (UnitForm, "<script>", "Det finnes ingen enhet «<script>»."),
        (SectorForm, "barnehagene", "Det finnes ingen sektor «barnehagene»."),
        (AdminUnitForm, "abc", "Det finnes ingen enhet «abc»."),
        (AdminUnitForm, "99999999999999999999", None),
        (UnitForm, "hel\x00se", None),
    ],
)
def test_an_unknown_unit_is_a_form_error_in_norwegian(
    organisation, form_class, value, message
):
    name = next(iter(form_class.base_fields))

    with translation.override("nb"):
        form = form_class({name: value})
        assert not form.is_valid()
        errors = form.errors[name]

    if message:
        assert errors == [message]


def test_no_choice_means_every_unit(organisation):
    form = UnitForm({"unit": ""})

    assert form.is_valid()
    assert form.cleaned_data["unit"] is None
