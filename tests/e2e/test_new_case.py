"""A new case in a real browser: the people picker, the guided step, a phone."""

import re

import pytest

from cases.models import CasePage
from tests.e2e.conftest import axe_violations, describe, horizontal_overflow, log_in


@pytest.fixture
def new_case_page(page):
    log_in(page, "kari.nordmann")
    page.goto("/saker/")
    page.get_by_role("link", name="Ny sak").click()
    page.wait_for_load_state()
    return page


def test_the_new_case_page_meets_wcag_21_aa(new_case_page):
    violations = axe_violations(new_case_page)

    assert violations == [], describe(violations)


@pytest.mark.parametrize("width", [320, 360])
def test_the_new_case_page_fits_a_phone(new_case_page, width):
    new_case_page.set_viewport_size({"width": width, "height": 800})

    assert horizontal_overflow(new_case_page) <= 0


def test_a_case_owner_adds_a_colleague_and_publishes(new_case_page):
    page = new_case_page
    page.get_by_label("Navn på saken").fill("Digitale trygghetsalarmer")
    page.get_by_label("Hva handler saken om?").fill("Vi bytter til digitale alarmer.")
    search = page.get_by_label("Finn en kollega etter navn eller enhet")
    search.fill("Silje")
    page.locator("datalist option").first.wait_for(state="attached")
    search.fill("Silje Aas (silje.aas)")
    page.get_by_role("button", name="Legg til").click()
    assert page.get_by_label("Eiere").input_value().splitlines() == [
        "Kari Nordmann (kari.nordmann)",
        "Silje Aas (silje.aas)",
    ]
    page.get_by_label("Ingen", exact=True).check()

    page.get_by_role("button", name="Publiser").click()
    page.wait_for_load_state()

    assert page.get_by_text("Saken er publisert.").is_visible()
    assert re.search(r"/saker/digitale-trygghetsalarmer/$", page.url)
    case = CasePage.objects.get(title="Digitale trygghetsalarmer")
    assert [user.username for user in case.owner_users] == [
        "kari.nordmann",
        "silje.aas",
    ]
