"""Suggestions in the header's search box: typing, the keyboard, axe with the
list open, a phone's width, and the plain search without JavaScript."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, describe, horizontal_overflow, log_in

BOX = "#site-search-q"
LIST = "#site-search-q-suggestions"


def type_in_header(page, text: str) -> None:
    page.locator(BOX).click()
    page.locator(BOX).press_sequentially(text, delay=60)
    expect(page.locator(LIST)).to_be_visible()


def test_typing_shows_suggestions_the_keyboard_chooses_one(page):
    log_in(page, "kari.nordmann")
    page.goto("/")
    box = page.locator(BOX)

    type_in_header(page, "barn")

    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "true")
    options = page.locator(f"{LIST} [role=option]")
    assert options.count() >= 3
    expect(page.locator(f"{LIST} [role=group]").first).to_have_accessible_name(
        re.compile(r"Sider|Personer|Enheter|Emner|Saker")
    )
    expect(page.locator("form[role=search] [role=status]")).to_contain_text("forslag")
    expect(page.locator(LIST)).to_contain_text("Barnehagene")

    box.press("ArrowDown")
    box.press("ArrowDown")
    box.press("ArrowUp")
    first = options.nth(0)
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    expect(first).to_have_attribute("aria-selected", "true")
    expect(options.nth(1)).to_have_attribute("aria-selected", "false")
    target = first.get_attribute("data-url")

    box.press("Enter")

    page.wait_for_url(f"**{target}")


def test_the_open_list_meets_wcag_21_aa(page):
    log_in(page, "kari.nordmann")
    page.goto("/")
    type_in_header(page, "barn")
    page.locator(BOX).press("ArrowDown")

    violations = axe_violations(page)

    expect(page.locator(LIST)).to_be_visible()
    assert violations == [], describe(violations)


def test_escape_closes_and_enter_without_a_choice_searches(page):
    log_in(page, "kari.nordmann")
    page.goto("/")
    type_in_header(page, "barn")
    box = page.locator(BOX)

    box.press("Escape")
    expect(page.locator(LIST)).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press("Enter")
    page.wait_for_url("**/sok/?q=barn")
    expect(page.locator("h1")).to_be_visible()


def test_a_click_on_a_suggestion_opens_it(page):
    log_in(page, "kari.nordmann")
    page.goto("/")
    type_in_header(page, "barnehagene")
    option = page.locator(f"{LIST} [role=option]", has_text="Barnehagene").first
    target = option.get_attribute("data-url")

    option.click()

    page.wait_for_url(f"**{target}")


def test_the_list_fits_a_phone(page):
    page.set_viewport_size({"width": 360, "height": 740})
    log_in(page, "kari.nordmann")
    page.goto("/")

    type_in_header(page, "barn")

    box = page.locator(LIST).bounding_box()
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 360
    assert horizontal_overflow(page) <= 0


def test_without_javascript_the_box_searches(browser, seeded, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nb-NO", java_script_enabled=False
    )
    page = context.new_page()
    try:
        log_in(page, "kari.nordmann")
        page.goto("/")
        box = page.locator(BOX)
        expect(box).not_to_have_attribute("role", "combobox")

        box.fill("barn")
        box.press("Enter")

        page.wait_for_url("**/sok/?q=barn")
    finally:
        context.close()
