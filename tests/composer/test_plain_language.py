"""Klarspråk beside the composer's text: LIX against the team's target and
advice on the words, shown with or without JavaScript, never in the way."""

import time

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from cases.models import CaseUpdatePage
from intranet.core.models import PlainLanguageSettings
from tests.composer.helpers import composer_form
from tests.factories.cases import CaseUpdatePageFactory

pytestmark = pytest.mark.django_db

HEAVY_INTRO = "Vedrørende søknaden vil denne behandles i henhold til regelverket."
HEAVY_TEXT = (
    "Gjennomføringen av kartleggingen av tilstrekkelig bistand iverksettes "
    "snarest, og det må påses at dokumentasjon ettersendes dersom tilrettelegging "
    "anses nødvendig for den videre saksbehandlingen i kommunen og hos "
    "samarbeidspartnerne våre i regionen."
)
PLAIN_TEXT = "Vi har fått nye sykler. Du kan låne en i resepsjonen. Den er gratis."


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def new_update_url(case):
    return reverse("composer:update_new", args=[case.pk])


def advice_panel(html: str):
    soup = BeautifulSoup(html, "html.parser")
    heading = soup.find(id="plain-language-title")
    assert heading is not None, "no plain-language advice on the page"
    return heading.find_parent("section")


def test_a_new_update_invites_text_before_it_gives_advice(owner_client, new_update_url):
    panel = advice_panel(owner_client.get(new_update_url).content.decode())

    assert panel.find(id="plain-language-title").get_text() == "Klarspråk"
    assert "Skriv litt tekst, så får du råd om klarspråk her." in panel.get_text()
    assert "Hva er LIX?" in panel.get_text()
    assert panel["data-plain-language-url"] == reverse("composer:plain_language")
    # Inside the form, right after the text it is about.
    assert panel.find_parent("form", id="composer-form") is not None


def test_editing_a_heavy_story_shows_lix_above_target_and_advice(client, owner, case):
    update = CaseUpdatePageFactory(
        parent=case,
        owner=owner,
        intro=HEAVY_INTRO,
        body=[("paragraph", f"<p>{HEAVY_TEXT}</p>")],
    )
    update.save_revision(user=owner).publish(user=owner)
    client.force_login(owner)

    response = client.get(reverse("composer:edit", args=[update.pk]))

    text = " ".join(advice_panel(response.content.decode()).get_text().split())
    assert "Over målet på 45" in text
    assert "«Vedrørende» – prøv: om" in text
    assert "«i henhold til» – prøv: etter, ifølge" in text
    assert "Passive verb" in text and "«behandles»" in text
    assert "Substantiv i stedet for verb" in text and "«Gjennomføringen»" in text
    assert "Lange setninger" in text
    assert "Dette er bare råd" in text


def test_the_preview_shows_advice_for_the_text_as_typed(owner_client, new_update_url):
    data = composer_form(
        owner_client,
        new_update_url,
        title="Nye sykler",
        intro="Vedrørende sykler: de kan benyttes av alle.",
        text=PLAIN_TEXT,
        action="preview",
    )

    response = owner_client.post(new_update_url, data)

    assert response.status_code == 200
    text = " ".join(advice_panel(response.content.decode()).get_text().split())
    assert "«Vedrørende» – prøv: om" in text
    assert "«benyttes»" in text


def test_the_target_is_the_communication_teams(owner_client, new_update_url):
    settings = PlainLanguageSettings.load()
    settings.internal_target_lix = 70
    settings.save()
    data = composer_form(
        owner_client,
        new_update_url,
        title="Saken",
        intro=HEAVY_INTRO,
        text=HEAVY_TEXT,
        action="preview",
    )

    text = advice_panel(owner_client.post(new_update_url, data).content.decode())

    assert "Innenfor målet på 70." in " ".join(text.get_text().split())


def test_plain_words_get_praise_not_advice(owner_client, new_update_url):
    data = composer_form(
        owner_client,
        new_update_url,
        title="Nye sykler",
        intro="Du kan låne sykkel.",
        text=PLAIN_TEXT,
        action="preview",
    )

    text = advice_panel(owner_client.post(new_update_url, data).content.decode())

    assert "Ingen råd: korte setninger og hverdagsord." in text.get_text()
    assert "Innenfor målet på 45." in " ".join(text.get_text().split())


def test_heavy_language_never_stops_publishing(owner_client, new_update_url, case):
    data = composer_form(
        owner_client,
        new_update_url,
        title="Vedrørende kartleggingen",
        intro=HEAVY_INTRO,
        text=HEAVY_TEXT,
        action="publish",
    )

    response = owner_client.post(new_update_url, data)

    update = CaseUpdatePage.objects.child_of(case).get()
    assert response.status_code == 302
    assert update.live


def test_the_advice_follows_the_typing(owner_client):
    url = reverse("composer:plain_language")

    response = owner_client.post(
        url, {"title": "Om saken", "intro": HEAVY_INTRO, "text": HEAVY_TEXT}
    )

    assert response.status_code == 200
    result = response.json()
    assert result["lix"] > 45
    assert result["target"] == 45
    assert result["above_target"] is True
    assert "«Vedrørende» – prøv: om" in " ".join(result["html"].split())


def test_the_advice_reads_the_composers_markup_as_a_reader_sees_it(owner_client):
    url = reverse("composer:plain_language")

    result = owner_client.post(
        url,
        {
            "title": "",
            "intro": "",
            "text": "## Slik søker du\n\n- fyll ut **skjemaet**",
        },
    ).json()

    assert "**" not in result["html"]
    assert result["lix"] is not None
    assert "Ingen råd" in result["html"]


def test_the_advice_address_needs_a_login_and_a_post(owner_client):
    url = reverse("composer:plain_language")

    logged_out = Client().post(url, {"text": HEAVY_TEXT})
    assert logged_out.status_code == 302
    assert logged_out["Location"].startswith(reverse("login"))
    assert owner_client.get(url).status_code == 405


@pytest.mark.parametrize(
    "text",
    ["", "😀" * 5000, "<script>alert('x')</script>", "Vedrørende " * 20_000],
)
def test_odd_or_huge_text_gets_an_answer_quickly(owner_client, text):
    url = reverse("composer:plain_language")

    started = time.perf_counter()
    response = owner_client.post(url, {"title": text, "intro": text, "text": text})
    elapsed = time.perf_counter() - started

    assert response.status_code == 200
    assert "<script>" not in response.json()["html"]
    assert elapsed < 3
