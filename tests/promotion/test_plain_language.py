"""Klarspråk on the external version (a text for citizens): beside it on the
promotion's page and in its editor, against the team's external target, and
never in the way of saving."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from intranet.core.models import PlainLanguageSettings
from intranet.promotion.models import Promotion
from tests.factories.promotion import PromotionFactory
from tests.promotion.test_admin import edit_data, snippet_url

pytestmark = pytest.mark.django_db

HEAVY_LEAD = (
    "Vedrørende søknader om bistand vil disse behandles i henhold til gjeldende "
    "regelverk, og søkeren må påse at tilstrekkelig dokumentasjon foreligger."
)
HEAVY_BODY = (
    "<p>Gjennomføringen av kartleggingen av behovet iverksettes snarest. Man kan "
    "benytte det elektroniske skjemaet.</p>"
)


def settings_url() -> str:
    return reverse(
        "wagtailsettings:edit",
        args=["core", "plainlanguagesettings", PlainLanguageSettings.load().pk],
    )


def page_text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def test_the_promotion_page_gives_advice_beside_the_external_version(team_client):
    promotion = PromotionFactory(external_lead=HEAVY_LEAD, external_body=HEAVY_BODY)

    response = team_client.get(reverse("promotion_admin:detail", args=[promotion.pk]))

    soup = BeautifulSoup(response.content.decode(), "html.parser")
    panel = soup.find(id="plain-language-title").find_parent("section")
    text = " ".join(panel.get_text(" ").split())
    assert "Over målet på 40" in text
    assert "«Vedrørende» – prøv: om" in text
    # For citizens, "du": the reader named as "søkeren" or "man" gets advice.
    assert "Si «du» til leseren" in text
    assert "søkeren" in text and "Man" in text
    assert "Passive verb" in text
    # Beside the external version: in the same row of columns.
    external = soup.find(id="external-heading").find_parent("section")
    assert panel.find_parent("div").find_previous_sibling("section") == external


def test_a_plain_external_version_within_the_target(team_client):
    promotion = PromotionFactory(
        external_title="Nye sykler til utlån",
        external_lead="Du kan låne sykkel gratis.",
        external_body="<p>Kom innom biblioteket. Vi har ti sykler.</p>",
    )

    html = team_client.get(
        reverse("promotion_admin:detail", args=[promotion.pk])
    ).content.decode()

    assert "Innenfor målet på 40." in page_text(html)
    assert "Ingen råd: korte setninger og hverdagsord." in page_text(html)


def test_the_external_target_is_the_teams_setting(team_client):
    settings = PlainLanguageSettings.load()
    settings.external_target_lix = 70
    settings.save()
    promotion = PromotionFactory(external_lead=HEAVY_LEAD, external_body=HEAVY_BODY)

    html = team_client.get(
        reverse("promotion_admin:detail", args=[promotion.pk])
    ).content.decode()

    assert "Innenfor målet på 70." in page_text(html)


def test_the_editor_shows_the_advice_beside_the_fields(team_client):
    promotion = PromotionFactory(external_lead=HEAVY_LEAD)

    html = team_client.get(snippet_url("edit", promotion.pk)).content.decode()

    text = page_text(html)
    assert "Klarspråk" in text
    assert "Over målet på 40" in text
    assert "prøv: om" in text


def test_heavy_language_never_stops_saving_the_external_version(team_client):
    promotion = PromotionFactory(external_lead="Kort og greit.")

    response = team_client.post(
        snippet_url("edit", promotion.pk),
        edit_data(promotion, external_lead=HEAVY_LEAD),
    )

    assert response.status_code == 302
    assert Promotion.objects.get(pk=promotion.pk).external_lead == HEAVY_LEAD


def test_an_editor_form_with_an_error_gives_advice_on_the_text_just_sent(team_client):
    promotion = PromotionFactory(external_lead="Kort og greit.")

    response = team_client.post(
        snippet_url("edit", promotion.pk),
        edit_data(
            promotion, external_lead=HEAVY_LEAD, external_urls="javascript:alert(1)"
        ),
    )

    assert response.status_code == 200
    text = page_text(response.content.decode())
    assert "Vedrørende" in text and "prøv: om" in text


def test_the_team_sets_the_target_in_the_admin(team_client):
    url = settings_url()
    promotion = PromotionFactory(external_lead=HEAVY_LEAD)

    response = team_client.post(
        url, {"internal_target_lix": "45", "external_target_lix": "35"}
    )

    assert response.status_code == 302
    html = team_client.get(
        reverse("promotion_admin:detail", args=[promotion.pk])
    ).content.decode()
    assert "Over målet på 35" in page_text(html)


def test_a_target_outside_what_lix_can_mean_is_refused(team_client):
    url = settings_url()

    response = team_client.post(
        url, {"internal_target_lix": "45", "external_target_lix": "5"}
    )

    assert response.status_code == 200
    assert PlainLanguageSettings.load().external_target_lix == 40


def test_only_the_team_may_change_the_target(editor):
    url = settings_url()
    client = Client()
    client.force_login(editor)

    client.post(url, {"internal_target_lix": "70", "external_target_lix": "70"})

    assert PlainLanguageSettings.load().external_target_lix == 40
