"""A person edits their own profile in a real browser, on a phone (360 px) and
on a desktop: photo, "Spør meg om" and which fields colleagues see."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, describe, horizontal_overflow, log_in
from tests.e2e.test_html_validity import validate

WIDTHS = [360, 1280]
ME = "/personer/kari.nordmann/"
EDIT = "/personer/meg/endre/"
# A rendition Wagtail made of the upload ("portrett.2e16d0ba.fill-192x192.png").
RENDITION = re.compile(r"^/media/images/portrett\S*\.fill-\d+x\d+\.png$")


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def width(request, page):
    page.set_viewport_size({"width": request.param, "height": 780})
    return request.param


def _png(tmp_path):
    path = tmp_path / "portrett.png"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 320), (40, 110, 70)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def _no_axe_violations(page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def _no_horizontal_scroll(page, width: int) -> None:
    overflow = horizontal_overflow(page)
    assert overflow <= 0, f"{page.url} is {overflow} px wider than {width} px"


def _photo(page):
    """The person's photo at the top of the profile (initials are an <svg>)."""
    return page.locator(".person-head img.avatar")


def _shown_to_colleagues(page, label: str):
    return page.get_by_role("group", name="Kolleger ser").get_by_label(
        label, exact=True
    )


def _log_in_as(page, username: str) -> None:
    # Another person at the same browser, as after a logout.
    page.context.clear_cookies()
    log_in(page, username)


def test_a_person_edits_photo_competence_and_visibility(page, width, tmp_path):
    # Before: a colleague reads "Om meg" and sees neither photo nor mobile.
    log_in(page, "ola.hansen")
    page.goto(ME)
    expect(page.get_by_role("heading", name="Om meg")).to_be_visible()
    expect(page.get_by_text("912 34 501")).to_have_count(0)
    expect(_photo(page)).to_have_count(0)

    _log_in_as(page, "kari.nordmann")
    page.goto(ME)
    page.get_by_role("link", name="Endre profilen din").click()
    expect(page).to_have_url(re.compile(re.escape(EDIT) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Endre profilen din")
    _no_horizontal_scroll(page, width)
    _no_axe_violations(page)

    competences = page.get_by_role("textbox", name="Spør meg om")
    competences.fill("Innkjøp, Personvern")
    _shown_to_colleagues(page, "Bilde").check()
    _shown_to_colleagues(page, "Mobil").check()
    _shown_to_colleagues(page, "Kontor").check()
    _shown_to_colleagues(page, "Om meg").uncheck()

    # A file that is not a picture: a Norwegian message, and nothing typed is lost.
    not_an_image = tmp_path / "portrett.png"
    not_an_image.write_text("Dette er ikke et bilde")
    page.locator("#id_photo_upload").set_input_files(not_an_image)
    page.get_by_role("button", name="Lagre profilen").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Ingenting av det du skrev, er borte"
    )
    expect(page.locator("#id_photo_upload_error")).to_contain_text("ikke et bilde")
    expect(competences).to_have_value("Innkjøp, Personvern")
    expect(_shown_to_colleagues(page, "Bilde")).to_be_checked()
    expect(_shown_to_colleagues(page, "Mobil")).to_be_checked()
    expect(_shown_to_colleagues(page, "Kontor")).to_be_checked()
    expect(_shown_to_colleagues(page, "Om meg")).not_to_be_checked()
    _no_horizontal_scroll(page, width)
    _no_axe_violations(page)

    # A real photo but a phone number with letters: the photo is kept, so the
    # next save carries it without choosing it again.
    phone = page.get_by_role("textbox", name="Telefon på jobb")
    phone.fill("ring meg")
    page.locator("#id_photo_upload").set_input_files(_png(tmp_path))
    page.get_by_role("button", name="Lagre profilen").click()
    expect(page.locator("#id_phone_error")).to_contain_text("Skriv telefonnummeret")
    expect(page.get_by_alt_text("Bildet du valgte")).to_have_attribute("src", RENDITION)
    expect(competences).to_have_value("Innkjøp, Personvern")
    expect(_shown_to_colleagues(page, "Om meg")).not_to_be_checked()
    _no_horizontal_scroll(page, width)
    _no_axe_violations(page)
    phone.fill("63 80 12 01")
    page.get_by_role("button", name="Lagre profilen").click()

    # Back on the profile, with a confirmation, the photo and the subjects.
    expect(page).to_have_url(re.compile(re.escape(ME) + "$"))
    expect(page.locator(".messages")).to_contain_text("Profilen din er lagret.")
    expect(_photo(page)).to_have_attribute("src", RENDITION)
    assert _photo(page).evaluate("img => img.complete && img.naturalWidth > 0")
    asked_about = page.locator(".person-facts dt:text-is('Spør meg om') + dd a")
    expect(asked_about).to_have_text(["Innkjøp", "Personvern"])
    # The owner still reads "Om meg", marked as seen by them alone.
    expect(page.get_by_role("heading", name="Om meg")).to_contain_text("bare deg")
    _no_horizontal_scroll(page, width)
    _no_axe_violations(page)

    # A colleague: the photo, mobile, office and subjects, but no "Om meg".
    _log_in_as(page, "ola.hansen")
    page.goto(ME)
    expect(_photo(page)).to_have_attribute("src", RENDITION)
    expect(page.get_by_text("912 34 501")).to_be_visible()
    expect(page.get_by_text("Rådhuset, 2. etasje")).to_be_visible()
    expect(asked_about).to_have_text(["Innkjøp", "Personvern"])
    expect(page.get_by_role("heading", name="Om meg")).to_have_count(0)
    expect(page.get_by_text("digitalt tilsyn skal gjøre hverdagen")).to_have_count(0)
    _no_horizontal_scroll(page, width)

    # The directory finds her by a new subject, with her photo.
    page.goto("/personer/?q=Personvern")
    row = page.locator("main li, main tr").filter(has_text="Kari Nordmann")
    expect(row.locator("img.avatar")).to_have_attribute("src", RENDITION)
    expect(page.get_by_text("digitalt tilsyn skal gjøre hverdagen")).to_have_count(0)


def test_the_communication_team_corrects_a_title(page, width):
    log_in(page, "silje.aas")
    page.goto(ME)
    page.get_by_role("link", name="Korriger navn, stilling eller enhet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Korriger Kari Nordmann")
    _no_horizontal_scroll(page, width)
    _no_axe_violations(page)

    # An empty first name: a Norwegian message, and the new title is kept.
    page.get_by_label("Fornavn").fill("")
    page.get_by_label("Stilling").fill("Enhetsleder hjemmetjenester")
    page.get_by_role("button", name="Lagre korrigeringen").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_text("Skriv fornavnet.")).to_be_visible()
    expect(page.get_by_label("Stilling")).to_have_value("Enhetsleder hjemmetjenester")
    _no_axe_violations(page)

    page.get_by_label("Fornavn").fill("Kari")
    page.get_by_role("button", name="Lagre korrigeringen").click()
    expect(page).to_have_url(re.compile(re.escape(ME) + "$"))
    expect(page.locator(".person-head .lead")).to_have_text(
        "Enhetsleder hjemmetjenester"
    )

    # Kari herself may not correct a colleague this way.
    _log_in_as(page, "kari.nordmann")
    page.goto("/personer/ola.hansen/")
    expect(
        page.get_by_role("link", name="Korriger navn, stilling eller enhet")
    ).to_have_count(0)


def test_a_unit_leader_corrects_someone_in_their_unit(page, width):
    """Per Johansen leads Grunnskolene: he corrects Erik Lund there, Erik is
    told in his inbox, and Per has no such right over people elsewhere."""
    log_in(page, "per.johansen")
    page.goto("/personer/erik.lund/")
    page.get_by_role("link", name="Korriger navn, stilling eller enhet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Korriger Erik Lund")
    _no_horizontal_scroll(page, width)
    _no_axe_violations(page)

    page.get_by_label("Stilling").fill("Inspektør, Berg skole")
    page.get_by_role("button", name="Lagre korrigeringen").click()
    expect(page).to_have_url(re.compile(r"/personer/erik\.lund/$"))
    expect(page.locator(".person-head .lead")).to_have_text("Inspektør, Berg skole")

    page.goto("/personer/kari.nordmann/")
    expect(
        page.get_by_role("link", name="Korriger navn, stilling eller enhet")
    ).to_have_count(0)
    response = page.goto("/personer/kari.nordmann/korriger/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Ingen tilgang")

    _log_in_as(page, "erik.lund")
    page.goto("/varsler/")
    expect(
        page.get_by_role("link", name="Per Johansen korrigerte profilen din")
    ).to_be_visible()
    _no_axe_violations(page)


def test_the_profile_forms_error_states_are_valid_html(client, seeded, tmp_path):
    User = get_user_model()
    client.force_login(User.objects.get(username="kari.nordmann"))
    not_an_image = io.BytesIO(b"Dette er ikke et bilde")
    not_an_image.name = "portrett.png"
    png = io.BytesIO(_png(tmp_path).read_bytes())
    png.name = "portrett.png"
    edit = client.post(
        EDIT,
        {
            "competence_text": "Innkjøp, Personvern",
            "phone": "ring meg",
            "photo_upload": not_an_image,
        },
    )
    kept_photo = client.post(
        EDIT,
        {"competence_text": "Innkjøp", "phone": "ring meg", "photo_upload": png},
    )
    client.force_login(User.objects.get(username="silje.aas"))
    correct = client.post("/personer/kari.nordmann/korriger/", {"first_name": ""})
    assert "Bildet du valgte" in kept_photo.content.decode()
    files = []
    for name, response in [
        ("edit", edit),
        ("kept-photo", kept_photo),
        ("correct", correct),
    ]:
        assert response.status_code in (200, 400), name
        assert 'role="alert"' in response.content.decode(), name
        target = tmp_path / f"profile-{name}-error.html"
        target.write_bytes(response.content)
        files.append(target)

    errors = validate(files)

    assert errors == [], describe(errors)
