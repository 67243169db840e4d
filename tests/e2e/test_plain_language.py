"""Klarspråk in a real browser: the composer's advice follows the typing, and
Wagtail's own Checks panel lists the Norwegian advice for a story."""

import re

from playwright.sync_api import expect

from intranet.promotion.models import Promotion
from news.models import NewsPage
from tests.e2e.conftest import AXE, WCAG_TAGS, axe_violations, describe, log_in

HEAVY = "Vedrørende søknaden vil den behandles i henhold til regelverket."


def test_the_composers_advice_follows_the_typing(page):
    log_in(page, "hilde.strand")
    page.goto("/skriv/nyhet/")
    panel = page.locator("section.plain-language")
    expect(panel).to_contain_text("Skriv litt tekst")

    page.get_by_label("Tekst").fill(HEAVY)

    expect(panel).to_contain_text("«Vedrørende» – prøv: om")
    expect(panel).to_contain_text("Passive verb")
    expect(panel).to_contain_text(re.compile(r"LIX \d+"))
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_wagtails_checks_panel_lists_the_norwegian_advice(page):
    story = NewsPage.objects.live().order_by("pk").first()
    log_in(page, "admin")
    page.goto(f"/admin/pages/{story.pk}/edit/")

    page.locator("#id_intro").fill(HEAVY)
    page.get_by_role("button", name="Vis eller skjul kontroller").click()

    checks = page.locator("[data-checks-panel]")
    expect(checks).to_contain_text("Kansellispråk", timeout=30_000)
    expect(checks).to_contain_text("Passive verb")


def test_the_advice_beside_an_external_version_is_accessible(page):
    promotion = Promotion.objects.order_by("pk").first()
    log_in(page, "silje.aas")
    page.goto(f"/admin/formidling/{promotion.pk}/")

    panel = page.locator("section.plain-language")
    expect(panel.get_by_role("heading", name="Klarspråk")).to_be_visible()
    expect(panel).to_contain_text("målet på 40")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async (tags) => {
            const outcome = await axe.run(
                {include: [["section.plain-language"]]},
                {runOnly: {type: "tag", values: tags}},
            );
            return outcome.violations.map(v => ({id: v.id, help: v.help}));
        }""",
        WCAG_TAGS,
    )
    assert violations == [], describe(violations)
