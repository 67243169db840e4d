"""Commenting and reacting under a story with the keyboard only."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.e2e.pages import first_live


def test_a_colleague_comments_replies_and_reacts_with_the_keyboard(page):
    log_in(page, "kari.nordmann")
    page.goto(first_live("news.NewsPage")())
    # Marks this page load: a reload would lose it.
    page.evaluate("() => { window.noReload = true; }")
    area = page.locator("#comments")
    expect(
        area.get_by_role("heading", name="Reaksjoner og kommentarer")
    ).to_be_visible()

    # Write a comment: into the field, type, Tab to the button, Enter.
    area.get_by_label("Skriv en kommentar").focus()
    page.keyboard.type("Så fint at dere deler dette, @hilde.strand! Vi følger med.")
    page.keyboard.press("Tab")
    expect(area.get_by_role("button", name="Publiser kommentaren")).to_be_focused()
    page.keyboard.press("Enter")

    status = area.get_by_role("status")
    expect(status).to_have_text("Kommentaren din er publisert.")
    new_comment = area.locator("article.comment").filter(has_text="Vi følger med.")
    expect(new_comment).to_be_focused()
    expect(new_comment.get_by_role("link", name="@hilde.strand")).to_have_attribute(
        "href", "/personer/hilde.strand/"
    )

    # React: the first reaction button, pressed with the space bar.
    like = area.get_by_role("button", name=re.compile(r"^Liker"))
    before = int(like.locator("[data-count]").inner_text())
    was_pressed = like.get_attribute("aria-pressed") == "true"
    like.focus()
    page.keyboard.press("Space")
    expected = before - 1 if was_pressed else before + 1
    expect(like.locator("[data-count]")).to_have_text(str(expected))
    expect(like).to_have_attribute("aria-pressed", "false" if was_pressed else "true")
    expect(status).to_contain_text("Liker")

    # Reply to a colleague's comment: open "Svar", Tab to the field, type, send.
    reply_toggle = (
        area.locator("details.comment__more summary").filter(has_text="Svar").first
    )
    reply_toggle.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("Godt poeng, dette tar vi med på neste møte.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(status).to_have_text("Svaret ditt er publisert.")
    reply = area.locator(".comments--replies article").filter(
        has_text="Godt poeng, dette tar vi med på neste møte."
    )
    expect(reply).to_be_focused()

    assert page.evaluate("() => window.noReload === true")


def test_comments_work_without_javascript(browser, live_server, seeded):
    context = browser.new_context(
        base_url=live_server.url, locale="nb-NO", java_script_enabled=False
    )
    page = context.new_page()
    try:
        log_in(page, "kari.nordmann")
        page.goto(first_live("cases.CaseUpdatePage")())
        area = page.locator("#comments")
        area.get_by_label("Skriv en kommentar").fill("Takk for oppdateringen!")
        area.get_by_role("button", name="Publiser kommentaren").click()

        expect(page.locator(".messages")).to_contain_text(
            "Kommentaren din er publisert."
        )
        expect(page).to_have_url(re.compile(r"#comment-\d+$"))
        expect(area).to_contain_text("Takk for oppdateringen!")
    finally:
        context.close()
