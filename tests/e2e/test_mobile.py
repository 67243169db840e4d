"""On the phone in the corridor (issue #25): the compact header and its menu
button, banners of one line, every page at 360 and 1280 px, the dark scheme
and print.

The checks over the whole page list log each person in once and visit the pages
in one browser context, changing the viewport and the colour scheme in place.
"""

import datetime
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from news.models import NewsIndexPage
from news.services import news_article_create
from tests.e2e.conftest import axe_violations, describe, horizontal_overflow, log_in
from tests.e2e.pages import PAGES, first_live, resolve

PHONE = {"width": 360, "height": 640}
DESKTOP = {"width": 1280, "height": 900}
DARK_PAPER = "rgb(21, 24, 28)"  # --paper in the dark scheme
MENU = ".site-menu summary"
NAV = ".site-nav"


@contextmanager
def browsing_as(browser, live_server, username: str | None, **options) -> Iterator:
    """A page in a context of its own, logged in as ``username`` (None: nobody)."""
    options.setdefault("viewport", PHONE)
    context = browser.new_context(base_url=live_server.url, locale="nb-NO", **options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        if username:
            log_in(page, username)
        yield page
    finally:
        context.close()


def each_page(browser, live_server) -> Iterator[tuple[str, object]]:
    """(name, page) for every page of the suite's list, opened at phone size;
    one context per person."""
    users = list(dict.fromkeys(user for _, user, _ in PAGES))
    for username in users:
        with browsing_as(browser, live_server, username) as page:
            for name, user, path in PAGES:
                if user != username:
                    continue
                page.set_viewport_size(PHONE)
                page.emulate_media(color_scheme="light")
                page.goto(resolve(path))
                yield name, page


def test_no_page_scrolls_sideways_on_a_phone_or_a_desktop(browser, live_server, seeded):
    wider = {}
    for name, page in each_page(browser, live_server):
        for viewport in (PHONE, DESKTOP):
            page.set_viewport_size(viewport)
            overflow = horizontal_overflow(page)
            if overflow > 0:
                wider[f"{name} at {viewport['width']} px"] = overflow

    assert wider == {}, wider


def test_every_page_passes_axe_on_a_phone_and_in_the_dark(browser, live_server, seeded):
    """Light and dark at 360 px with the menu open, and dark at 1280 px (the
    light desktop is test_accessibility's)."""
    found = {}
    for name, page in each_page(browser, live_server):
        menu = page.locator(MENU)
        if menu.count():
            menu.click()
        for scheme, viewport in (
            ("light", PHONE),
            ("dark", PHONE),
            ("dark", DESKTOP),
        ):
            page.emulate_media(color_scheme=scheme)
            page.set_viewport_size(viewport)
            if violations := axe_violations(page):
                found[f"{name}, {scheme}, {viewport['width']} px"] = violations
        # Wagtail's admin has a dark theme of its own.
        if "/admin/" not in page.url:
            assert (
                page.evaluate(
                    "getComputedStyle(document.documentElement).backgroundColor"
                )
                == DARK_PAPER
            ), f"{name}: the dark scheme is not applied"

    assert found == {}, describe(found)


def test_the_phone_header_is_one_row_with_the_inbox_and_the_search(
    browser, live_server, seeded
):
    with browsing_as(browser, live_server, "kari.nordmann") as page:
        page.goto("/")

        expect(page.locator(NAV)).to_be_hidden()
        expect(page.locator(".site-user")).to_be_hidden()
        inbox = page.locator(".site-header__inbox .site-notifications")
        expect(inbox).to_be_visible()
        expect(inbox.locator(".badge")).to_have_text(re.compile(r"^\d+ uleste?$"))
        expect(page.locator(MENU)).to_have_text("Meny")
        logo, menu = page.locator(".site-logo"), page.locator(MENU)
        assert logo.bounding_box()["y"] < menu.bounding_box()["y"] + 10
        search = page.get_by_role("combobox", name="Søk på intranettet")
        expect(search).to_be_in_viewport()


def test_the_first_story_is_on_the_first_screen_of_a_phone(
    browser, live_server, seeded
):
    with browsing_as(browser, live_server, "kari.nordmann") as page:
        page.goto("/")

        # The alert and the culture pulse are on the page, each in one line.
        for banner in (".site-alert__text", ".pulse-banner__text"):
            expect(page.locator(banner)).to_be_visible()
        story = page.locator(
            "main :is(.must-read-list__item a, .news-card__title a)"
        ).first
        box = story.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], box


@pytest.mark.parametrize("banner", [".site-alert__text", ".pulse-banner__text"])
def test_a_banner_is_one_line_on_a_phone_until_opened(
    browser, live_server, seeded, banner
):
    with browsing_as(browser, live_server, "kari.nordmann") as page:
        page.goto("/")
        summary = page.locator(f"{banner} summary").first

        def lines() -> float:
            return summary.evaluate(
                "s => s.getBoundingClientRect().height"
                " / parseFloat(getComputedStyle(s).lineHeight)"
            )

        assert lines() < 1.5
        summary.click()
        assert lines() >= 2
        assert horizontal_overflow(page) <= 0


def test_the_menu_opens_and_closes_with_the_keyboard_without_javascript(
    browser, live_server, seeded
):
    with browsing_as(
        browser, live_server, "kari.nordmann", java_script_enabled=False
    ) as page:
        page.goto("/nyheter/")
        nav = page.locator(NAV)
        menu = page.locator(MENU)
        menu.focus()

        page.keyboard.press("Enter")
        expect(nav).to_be_visible()
        expect(page.get_by_role("link", name="Mine saker")).to_be_in_viewport()
        expect(page.get_by_role("button", name="Logg ut")).to_be_visible()
        page.keyboard.press("Space")
        expect(nav).to_be_hidden()
        page.keyboard.press("Space")
        expect(nav).to_be_visible()
        page.keyboard.press("Tab")
        expect(page.get_by_role("link", name="Forside")).to_be_focused()


def test_the_menu_opens_and_closes_with_a_tap(browser, live_server, seeded):
    with browsing_as(
        browser, live_server, "kari.nordmann", has_touch=True, is_mobile=True
    ) as page:
        page.goto("/")
        nav = page.locator(NAV)

        page.tap(MENU)
        expect(nav).to_be_visible()
        page.get_by_role("link", name="Saker", exact=True).tap()
        page.wait_for_url("**/saker/")
        expect(nav).to_be_hidden()
        page.tap(MENU)
        page.tap(MENU)
        expect(nav).to_be_hidden()


def test_on_a_desktop_the_header_shows_everything_without_a_menu_button(
    browser, live_server, seeded
):
    with browsing_as(browser, live_server, "kari.nordmann", viewport=DESKTOP) as page:
        page.goto("/")

        expect(page.locator(MENU)).to_be_hidden()
        expect(page.locator(NAV)).to_be_visible()
        expect(page.get_by_role("link", name=re.compile("^Varsler"))).to_have_count(1)
        expect(page.get_by_role("button", name="Logg ut")).to_be_visible()
        nav, search = page.locator(NAV), page.locator(".site-search")
        assert nav.bounding_box()["y"] < search.bounding_box()["y"]


def test_a_long_unbroken_title_without_a_picture_fits_320_px(
    browser, live_server, seeded
):
    title = (
        "Nytt om "
        "kommunestyrebehandlingsutsettelsesbegrunnelsesdokumentasjonsarkivrutinene"
        " fra i dag"
    )
    story = news_article_create(
        index=NewsIndexPage.objects.first(),
        title=title,
        intro="Gjelder alle enheter.",
        owner=get_user_model().objects.get(username="hilde.strand"),
        important_until=timezone.localdate() + datetime.timedelta(days=7),
    )
    with browsing_as(
        browser, live_server, "kari.nordmann", viewport={"width": 320, "height": 640}
    ) as page:
        for path in ("/", "/nyheter/", story.url):
            page.goto(path)

            expect(page.get_by_text(title).first).to_be_visible()
            assert horizontal_overflow(page) <= 0, path


@pytest.mark.parametrize(
    "story",
    [first_live("news.NewsPage"), first_live("cases.CasePage")],
    ids=["news article", "case page"],
)
def test_a_printed_story_is_its_content_with_the_links_spelt_out(
    browser, live_server, seeded, story
):
    with browsing_as(browser, live_server, "kari.nordmann", viewport=DESKTOP) as page:
        page.emulate_media(media="print", color_scheme="dark")
        page.goto(resolve(story))

        expect(page.locator("main h1")).to_be_visible()
        for hidden in (
            NAV,
            ".site-search",
            ".site-alerts",
            ".pulse-banner",
            ".site-footer",
        ):
            expect(page.locator(hidden)).to_be_hidden()
        expect(page.locator("main button:visible, main .button:visible")).to_have_count(
            0
        )
        link = page.locator("main a[href^='/']").first
        after = link.evaluate("a => getComputedStyle(a, '::after').content")
        assert link.get_attribute("href") in after
        assert (
            page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
            != DARK_PAPER
        )
        widest = page.evaluate(
            "Math.max(0, ...[...document.images]"
            ".map(i => i.getBoundingClientRect().right))"
        )
        assert widest <= page.evaluate("document.documentElement.clientWidth")
