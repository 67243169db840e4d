"""What people do, step by step, in a real browser."""

import io
import re

from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import log_in


def photo(tmp_path):
    path = tmp_path / "hjemmebesok.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), (0, 90, 140)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


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


def test_case_owner_publishes_an_update_with_an_image(page, tmp_path):
    log_in(page, "kari.nordmann")
    page.get_by_role("link", name="Mine saker").click()
    published_case = page.locator("table.my-cases tbody tr").filter(
        has=page.locator("th a")
    )
    case_title = published_case.first.locator("th a").inner_text().strip()
    published_case.first.get_by_role(
        "link", name=re.compile(r"^Ny oppdatering")
    ).click()

    # Screen 2: Wagtail's editor for a new update under the case.
    page.locator("#id_title").fill("Første uke med digitale tilsyn")
    page.locator("#id_intro").fill("Tre soner har testet kamera og sensorer.")
    page.get_by_role("button", name="Velg et bilde").click()
    chooser = page.locator(".modal-dialog")
    chooser.get_by_role("tab", name="Last opp").click()
    not_an_image = tmp_path / "notat.jpg"
    not_an_image.write_text("Dette er ikke et bilde")
    chooser.locator("#id_image-chooser-upload-title").fill("Notat")
    chooser.locator("#id_image-chooser-upload-file").set_input_files(not_an_image)
    chooser.locator("form button[type=submit]").last.click()
    expect(chooser).to_contain_text("ikke et bilde")
    chooser.locator("#id_image-chooser-upload-title").fill("Hjemmebesøk")
    chooser.locator("#id_image-chooser-upload-file").set_input_files(photo(tmp_path))
    chooser.locator("form button[type=submit]").last.click()
    expect(chooser).to_have_count(0)
    page.locator("#id_hero_image_alt").fill("Sykepleier viser fram et nettbrett")
    page.get_by_role("button", name="Flere handlinger").click()
    page.get_by_role("button", name="Publiser").click()

    # Screen 3: published, straight from the editor.
    expect(page.locator(".messages")).to_contain_text("publisert")
    page.goto("/mine-saker/")
    page.get_by_role("link", name=case_title, exact=True).click()
    expect(page.get_by_text("Første uke med digitale tilsyn")).to_be_visible()

    page.goto("/sok/?q=tilsynet")
    expect(page.locator(".search-hit").first).to_contain_text(
        "Første uke med digitale tilsyn"
    )


def test_colleague_searches_an_inflected_word_and_narrows_by_a_facet(page):
    log_in(page, "ingrid.berg")
    search_box = page.get_by_role("searchbox", name="Søk på intranettet")
    search_box.fill("barnehagene")
    search_box.press("Enter")

    expect(page).to_have_url(re.compile(r"/sok/\?q=barnehagene"))
    everything = page.locator(".search-hit").count()
    assert everything > 0
    page.get_by_role("group", name="Innholdstype").get_by_label(
        re.compile("^Nyhet")
    ).check()
    page.get_by_role("button", name="Bruk filtrene").click()

    expect(page).to_have_url(re.compile(r"type=news"))
    expect(
        page.get_by_role("link", name=re.compile("Nyhet.*fjern filter"))
    ).to_be_visible()


def test_keyboard_user_skips_to_the_main_content(page):
    log_in(page, "kari.nordmann")
    page.goto("/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Hopp til hovedinnholdet")
    expect(skip_link).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator("#main")).to_be_focused()


def test_keyboard_user_searches_and_opens_a_facet(page):
    log_in(page, "kari.nordmann")
    page.goto("/")

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Hopp til søket")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("searchbox", name="Søk på intranettet")).to_be_focused()
    page.keyboard.type("skolene")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/sok/\?q=skolene"))

    first_facet = page.locator(".facet input[type=checkbox]").first
    first_facet.focus()
    page.keyboard.press("Space")
    expect(first_facet).to_be_checked()
    page.get_by_role("button", name="Bruk filtrene").focus()
    page.keyboard.press("Enter")

    expect(page.locator(".chip").first).to_be_visible()
