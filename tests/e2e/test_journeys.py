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


def test_case_owner_publishes_an_update_with_an_image_in_the_wagtail_editor(
    page, tmp_path
):
    """The full editor still works for those who use it (the composer is the
    everyday way: tests/e2e/test_composer.py)."""
    log_in(page, "kari.nordmann")
    page.get_by_role("link", name="Mine saker").click()
    published_case = page.locator("table.my-cases tbody tr").filter(
        has=page.locator("th a")
    )
    case_title = published_case.first.locator("th a").inner_text().strip()
    composer_url = published_case.first.get_by_role(
        "link", name=re.compile(r"^Ny oppdatering")
    ).get_attribute("href")
    case_pk = re.search(r"/skriv/sak/(\d+)/", composer_url).group(1)
    page.goto(f"/admin/pages/add/cases/caseupdatepage/{case_pk}/")

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

    # Screen 3: the published update itself, at an ASCII address made from
    # the title as it was typed (ø -> o), with the confirmation.
    expect(page).to_have_url(re.compile(r"/forste-uke-med-digitale-tilsyn/$"))
    expect(page.locator(".messages")).to_contain_text("publisert")
    expect(
        page.get_by_role("heading", name="Første uke med digitale tilsyn")
    ).to_be_visible()
    page.goto("/mine-saker/")
    page.get_by_role("link", name=case_title, exact=True).click()
    expect(page.get_by_text("Første uke med digitale tilsyn")).to_be_visible()

    page.goto("/sok/?q=tilsynet")
    expect(page.locator(".search-hit").first).to_contain_text(
        "Første uke med digitale tilsyn"
    )


def test_colleague_searches_an_inflected_word_and_narrows_by_a_facet(page):
    log_in(page, "ingrid.berg")
    # With JavaScript the header's search box is a combobox (suggestions as
    # people type); Enter without a chosen suggestion searches.
    search_box = page.get_by_role("combobox", name="Søk på intranettet")
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
    expect(page.get_by_role("combobox", name="Søk på intranettet")).to_be_focused()
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


def test_colleague_follows_a_search_and_a_new_match_reaches_the_inbox(page):
    from django.contrib.auth import get_user_model

    from news.models import NewsIndexPage
    from news.services import news_article_create

    log_in(page, "ingrid.berg")
    search_box = page.get_by_role("combobox", name="Søk på intranettet")
    search_box.fill("svømmehallen")
    search_box.press("Enter")
    page.get_by_role("button", name="Følg dette søket").click()
    expect(page.locator(".messages")).to_contain_text("Du følger nå")

    # A colleague in another unit publishes a matching article meanwhile.
    news_article_create(
        index=NewsIndexPage.objects.first(),
        title="Svømmehallen åpner igjen etter oppussingen",
        intro="Nye garderober og et eget basseng for babysvømming.",
        owner=get_user_model().objects.get(username="hilde.strand"),
    )

    page.goto("/")
    page.get_by_role("link", name=re.compile("^Varsler")).click()
    latest = page.locator(".notification").first
    expect(latest).to_contain_text("Svømmehallen åpner igjen etter oppussingen")
    expect(latest).to_contain_text("Fordi du følger")
    latest.get_by_role("button", name=re.compile("^Merk som lest")).click()
    read = page.locator(".notification").filter(has_text="Svømmehallen åpner igjen")
    expect(read).not_to_have_class(re.compile("notification--unread"))


def test_communication_team_takes_a_story_outside(page):
    log_in(page, "silje.aas")
    page.goto("/admin/snippets/promotion/promotion/?status=candidate")
    page.locator("table.listing tbody tr").first.locator("td a").first.click()
    expect(page).to_have_url(re.compile(r"/edit/\d+/"))
    pk = re.search(r"/edit/(\d+)/", page.url).group(1)

    # Shortlist it on the promotion's own page.
    page.goto(f"/admin/formidling/{pk}/")
    page.get_by_label("Ny status").select_option("shortlisted")
    page.get_by_role("button", name="Endre status").click()
    expect(page.locator(".messages")).to_contain_text("Kortliste")

    # Write the external version.
    page.get_by_role("link", name="Rediger den eksterne versjonen").click()
    external_title = "Kommunen først ute med digitalt tilsyn"
    page.locator("#id_external_title").fill(external_title)
    page.locator("#id_external_lead").fill(
        "Hjemmetjenesten bruker sensorer slik at eldre kan bo trygt hjemme lenger."
    )
    confirm = page.locator("#id_rights_confirmed")
    if confirm.count() and not confirm.is_checked():
        confirm.check()
    page.get_by_role("button", name="Lagre").first.click()
    expect(page.locator(".messages")).to_contain_text(external_title)

    # Approve.
    page.goto(f"/admin/formidling/{pk}/")
    page.get_by_label("Ny status").select_option("approved")
    page.get_by_role("button", name="Endre status").click()
    expect(page.locator(".messages")).to_contain_text("Godkjent")

    # It has left the intranet: the public feed and API carry it, without login.
    page.context.clear_cookies()
    page.goto("/ekstern/feed/")
    assert external_title in page.content()
    api = page.request.get("/ekstern/api/promotions/").json()
    assert external_title in [item["title"] for item in api["items"]]
