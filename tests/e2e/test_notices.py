"""Alerts and page feedback in a real browser, with the keyboard only, on a
phone (360 px) and on a desktop (1280 px): put an information alert away, see
that a critical one stays, and give feedback on a page."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from intranet.notices.models import Alert, AlertLevel, PageFeedback
from tests.e2e.conftest import axe_violations, describe, horizontal_overflow, log_in

WIDTHS = [360, 1280]
INFO = "Nytt telefonsystem fra mandag"
CRITICAL = "Lønnssystemet er nede"


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def width(request, page):
    page.set_viewport_size({"width": request.param, "height": 780})
    return request.param


def tab_to(page, target, *, most: int = 120) -> None:
    """Press Tab until ``target`` has the focus (as a keyboard user would)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {target}")


def _no_axe_violations(page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_a_person_hides_an_information_alert_with_the_keyboard(page, width):
    now = timezone.now()
    Alert.objects.create(
        message=CRITICAL + " – lønn kommer som vanlig, men lønnsslippen er forsinket"
        " til i morgen tidlig. Vi beklager ulempen.",
        level=AlertLevel.CRITICAL,
        starts_at=now - datetime.timedelta(minutes=5),
        ends_at=now + datetime.timedelta(hours=4),
    )
    log_in(page, "kari.nordmann")
    page.goto("/saker/")
    alerts = page.get_by_role("region", name="Driftsmeldinger")
    info = alerts.locator(".site-alert--info").filter(has_text=INFO)
    critical = page.get_by_role("alert").filter(has_text=CRITICAL)
    expect(info).to_be_visible()
    expect(critical).to_be_visible()
    expect(critical.get_by_role("button", name="Skjul")).to_have_count(0)
    assert horizontal_overflow(page) <= 0
    _no_axe_violations(page)

    # One line each, even on a phone; the whole text opens in place.
    summary = critical.locator("summary")
    line = summary.evaluate(
        "element => parseFloat(getComputedStyle(element).lineHeight)"
    )
    assert summary.bounding_box()["height"] <= line * 1.5
    tab_to(page, summary)
    page.keyboard.press("Enter")
    expect(critical.locator("details")).to_have_attribute("open", "")
    expect(summary).to_contain_text("Vi beklager ulempen.")

    tab_to(page, info.get_by_role("button", name="Skjul"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/saker/$"))
    expect(page.locator(".site-alert--info")).to_have_count(0)
    expect(page.get_by_role("alert").filter(has_text=CRITICAL)).to_be_visible()
    page.goto("/")
    expect(page.locator(".site-alert--info")).to_have_count(0)


def test_a_person_gives_feedback_on_a_page_with_the_keyboard(page, width):
    log_in(page, "kari.nordmann")
    page.goto("/saker/")

    tab_to(page, page.get_by_role("link", name="Gi tilbakemelding på siden"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gi tilbakemelding på siden"
    )
    expect(page.locator("main")).to_contain_text("Om siden «Saker»")
    assert horizontal_overflow(page) <= 0
    _no_axe_violations(page)

    text = page.get_by_role("textbox", name="Hva er feil eller mangler?")
    tab_to(page, text)
    page.keyboard.type("Filteret for status mangler «avsluttet».")
    consent = page.get_by_role(
        "checkbox", name="Du kan kontakte meg på e-post om dette"
    )
    tab_to(page, consent)
    page.keyboard.press("Space")
    expect(consent).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Send tilbakemelding"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/saker/$"))
    expect(page.locator(".messages")).to_contain_text("Takk for tilbakemeldingen!")
    feedback = PageFeedback.objects.get(user__username="kari.nordmann")
    assert feedback.path == "/saker/"
    assert feedback.text == "Filteret for status mangler «avsluttet»."
    assert feedback.contact_ok
    assert feedback.page is not None
