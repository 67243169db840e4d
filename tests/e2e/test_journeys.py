"""What people do, step by step, in a real browser."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in


def test_wrong_login_shows_a_norwegian_error(page):
    log_in(page, "kari.nordmann", password="feil-passord")

    expect(page.get_by_role("alert")).to_contain_text("Feil brukernavn eller passord")
    expect(page).to_have_url(re.compile(r"/logg-inn/"))


def test_each_role_logs_in_and_sees_the_front_page(page):
    for username, first_name in [
        ("kari.nordmann", "Kari"),
        ("hilde.strand", "Hilde"),
        ("silje.aas", "Silje"),
    ]:
        page.context.clear_cookies()
        log_in(page, username)

        expect(page.get_by_role("heading", level=1)).to_have_text(f"Hei, {first_name}")


def test_keyboard_user_skips_to_the_main_content(page):
    log_in(page, "kari.nordmann")
    page.goto("/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Hopp til hovedinnholdet")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator("#main")).to_be_focused()
