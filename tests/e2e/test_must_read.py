""" "Må leses" with the keyboard only, on a desktop (1280 px) and a phone (360 px):
from the front page to the story, "Jeg har lest", and the confirmation."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, describe, horizontal_overflow, log_in
from tests.e2e.pages import must_read_story

WIDTHS = [1280, 360]


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def width(request, page):
    page.set_viewport_size({"width": request.param, "height": 800})
    return request.param


def tab_to(page, target, *, limit: int = 250) -> None:
    """Press Tab until the target has the focus, as a keyboard user would."""
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def test_a_colleague_confirms_a_must_read_story_with_the_keyboard(page, width):
    log_in(page, "kari.nordmann")
    story_url = must_read_story()
    page.goto("/")

    section = page.locator(".home-section--must-read")
    expect(section.get_by_role("heading", name="Må leses")).to_be_visible()
    link = section.get_by_role("link").first
    expect(section).to_contain_text("Les innen")
    tab_to(page, link)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{story_url}")

    button = page.get_by_role("button", name="Jeg har lest")
    tab_to(page, button)
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    expect(page.get_by_text("Du bekreftet at du har lest dette")).to_be_visible()
    expect(page.get_by_role("button", name="Jeg har lest")).to_have_count(0)
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    assert horizontal_overflow(page) <= 0

    page.goto("/")
    expect(page.locator(".home-section--must-read")).to_have_count(0)
