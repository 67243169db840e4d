"""The composer in a real browser, on a phone (360 px) and on a desktop."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, describe, log_in
from tests.e2e.test_journeys import photo

WIDTHS = [360, 1280]


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def width(request, page):
    page.set_viewport_size({"width": request.param, "height": 780})
    return request.param


def _no_axe_violations(page) -> None:
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def _open_composer_from_mine_saker(page) -> str:
    page.goto("/mine-saker/")
    published_case = page.locator("table.my-cases tbody tr").filter(
        has=page.locator("th a")
    )
    case_title = published_case.first.locator("th a").inner_text().strip()
    published_case.first.get_by_role(
        "link", name=re.compile(r"^Ny oppdatering")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny oppdatering")
    return case_title


def test_case_owner_publishes_an_update_with_a_photo(page, width, tmp_path):
    log_in(page, "kari.nordmann")
    case_title = _open_composer_from_mine_saker(page)
    _no_axe_violations(page)

    page.get_by_label("Tittel").fill("Første uke med digitale tilsyn")
    page.get_by_label("Ingress").fill("Tre soner har testet kamera og sensorer.")
    page.get_by_label("Tekst").fill(
        "Det har gått **bra**.\n\n- Færre bomturer\n- Mer tid til samtaler"
    )
    # A file that is not a picture: a clear message, and the text is kept.
    not_an_image = tmp_path / "notat.jpg"
    not_an_image.write_text("Dette er ikke et bilde")
    page.locator("#id_picture").set_input_files(not_an_image)
    page.get_by_role("button", name="Publiser").click()
    expect(page.get_by_role("alert")).to_contain_text("ikke et bilde")
    expect(page.get_by_label("Tittel")).to_have_value("Første uke med digitale tilsyn")
    _no_axe_violations(page)

    # A photo without a description: asked for it, and the photo is kept.
    page.locator("#id_picture").set_input_files(photo(tmp_path))
    page.get_by_role("button", name="Publiser").click()
    expect(page.get_by_role("alert")).to_contain_text("Beskriv bildet")
    expect(page.locator(".composer-thumbs input:checked")).to_have_count(1)
    _no_axe_violations(page)
    page.get_by_label("Beskriv bildet").fill("Sykepleier viser fram et nettbrett")
    page.get_by_role("button", name="Publiser").click()

    # The published update itself, at an ASCII address, with a confirmation.
    expect(page).to_have_url(re.compile(r"/forste-uke-med-digitale-tilsyn/$"))
    expect(page.locator(".messages")).to_contain_text("Publisert")
    expect(
        page.get_by_role("heading", name="Første uke med digitale tilsyn")
    ).to_be_visible()
    expect(page.get_by_alt_text("Sykepleier viser fram et nettbrett")).to_be_visible()
    page.get_by_role("link", name=case_title).first.click()
    expect(page.get_by_text("Første uke med digitale tilsyn")).to_be_visible()

    page.goto("/sok/?q=tilsynet")
    expect(page.locator(".search-hit").first).to_contain_text(
        "Første uke med digitale tilsyn"
    )


def test_case_owner_edits_and_unpublishes_an_update(page, width):
    log_in(page, "kari.nordmann")
    _open_composer_from_mine_saker(page)
    page.get_by_label("Tittel").fill("Nye nattruter")
    page.get_by_label("Ingress").fill("Nattpatruljen kjører nye ruter fra i dag.")
    page.get_by_role("button", name="Publiser").click()
    expect(page).to_have_url(re.compile(r"/nye-nattruter/$"))

    page.get_by_role("link", name="Rediger", exact=True).click()
    _no_axe_violations(page)
    page.get_by_label("Ingress").fill("Nattpatruljen kjører nye ruter fra mandag.")
    page.get_by_role("button", name="Publiser").click()
    expect(page.locator(".lead")).to_have_text(
        "Nattpatruljen kjører nye ruter fra mandag."
    )

    page.get_by_role("link", name="Avpubliser").click()
    _no_axe_violations(page)
    page.get_by_role("button", name="Ja, avpubliser").click()
    expect(page.locator(".messages")).to_contain_text("er avpublisert")
    # Back on the case, whose timeline no longer links to it.
    expect(page.get_by_role("link", name="Nye nattruter")).to_have_count(0)


def test_an_editor_writes_a_pinned_news_item(page, width):
    log_in(page, "hilde.strand")
    page.get_by_role("link", name="Skriv nyhet").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skriv nyhet")
    _no_axe_violations(page)

    page.get_by_label("Tittel").fill("Nytt telefonsystem fra mandag")
    page.get_by_label("Ingress").fill("Alle ansatte får nye nummer.")
    page.get_by_label("Viktig: fest på forsiden til og med").fill(_in_days(page, 7))
    page.get_by_role("button", name="Publiser").click()

    expect(page).to_have_url(re.compile(r"/nyheter/nytt-telefonsystem-fra-mandag/$"))
    page.goto("/")
    pinned = page.locator(".badge--important").first
    expect(pinned).to_be_visible()
    expect(page.get_by_text("Nytt telefonsystem fra mandag").first).to_be_visible()


def test_a_subscriber_to_the_cases_topic_gets_exactly_one_notification(browser, page):
    from django.contrib.auth import get_user_model

    from cases.models import CaseOwner
    from intranet.subscriptions.services import subscription_create
    from search.query import SearchQuery

    owner = get_user_model().objects.get(username="kari.nordmann")
    case = CaseOwner.objects.filter(user=owner, case__live=True).first().case
    topic = case.topics.first()
    colleague = get_user_model().objects.get(username="ingrid.berg")
    subscription_create(
        user=colleague,
        query=SearchQuery(topics=(topic.slug,)),
        name=topic.name,
    )

    log_in(page, "kari.nordmann")
    page.goto(f"/skriv/sak/{case.pk}/oppdatering/")
    page.get_by_label("Tittel").fill("Varslet oppdatering om temaet")
    page.get_by_label("Ingress").fill("Dette skal nå kollegaen én gang.")
    page.get_by_role("button", name="Publiser").click()
    expect(page.locator(".messages")).to_contain_text("Publisert")

    page.context.clear_cookies()
    log_in(page, "ingrid.berg")
    page.goto("/varsler/")
    expect(
        page.get_by_role("link", name="Varslet oppdatering om temaet", exact=True)
    ).to_have_count(1)


def _in_days(page, days: int) -> str:
    import datetime

    from django.utils import timezone

    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()
