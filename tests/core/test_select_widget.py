"""The filters' select lists: Django's markup, written faster."""

import pytest
from django import forms
from django.test.html import parse_html

from intranet.core.filters import UnitFilterField
from intranet.core.widgets import Select
from tests.factories.core import UnitFactory

pytestmark = pytest.mark.django_db

CHOICES = [
    ("", "Alle"),
    ("Helse", [("sykehjem", "Sykehjem & <omsorg>"), ("hjemme", "Hjemmetjenesten")]),
    ("skole", 'Skole "Nord"'),
]


class Both(forms.Form):
    ours = forms.ChoiceField(choices=CHOICES, widget=Select, required=False)
    django = forms.ChoiceField(choices=CHOICES, required=False)


@pytest.mark.parametrize("value", ["", "hjemme", "skole", "<ukjent>"])
def test_the_select_is_djangos_markup_with_the_same_option_chosen(value):
    form = Both({"ours": value, "django": value})
    form.is_valid()

    ours = str(form["ours"]).replace("ours", "NAME")
    django = str(form["django"]).replace("django", "NAME")

    assert parse_html(ours) == parse_html(django)
    assert "&lt;omsorg&gt;" in ours and "<omsorg>" not in ours


def test_the_unit_filter_keeps_the_chosen_unit_and_its_error_description():
    health = UnitFactory(name="Helse og omsorg", slug="helse")
    UnitFactory(name="Sykehjem", slug="sykehjem", parent=health)

    class UnitForm(forms.Form):
        unit = UnitFilterField()

    chosen = UnitForm({"unit": "sykehjem"})
    chosen.is_valid()
    html = str(chosen["unit"])
    assert '<option value="sykehjem" selected>' in html
    assert '<option value="helse">Helse og omsorg</option>' in html

    unknown = UnitForm({"unit": "finnes-ikke"})
    unknown.is_valid()
    html = unknown["unit"].as_widget()
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_unit_error"' in html
