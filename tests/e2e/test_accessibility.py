"""WCAG 2.1 AA (axe-core), reflow at 320 px and 200 % zoom, on every page."""

import pytest

from tests.e2e.conftest import axe_violations, describe, horizontal_overflow, log_in
from tests.e2e.pages import PAGES, resolve


@pytest.mark.parametrize(
    ("user", "path"),
    [(user, path) for _, user, path in PAGES],
    ids=[p[0] for p in PAGES],
)
def test_page_meets_wcag_21_aa(page, user, path):
    if user:
        log_in(page, user)
    page.goto(resolve(path))

    violations = axe_violations(page)

    assert violations == [], describe(violations)


@pytest.mark.parametrize(
    ("user", "path"),
    [(user, path) for _, user, path in PAGES],
    ids=[p[0] for p in PAGES],
)
@pytest.mark.parametrize("width", [320, 640], ids=["320px", "200pct-zoom"])
def test_page_reflows_without_horizontal_scrolling(page, user, path, width):
    if user:
        log_in(page, user)
    # 200 % zoom of a 1280 px window is a 640 CSS px viewport.
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(resolve(path))

    assert horizontal_overflow(page) <= 0


def test_the_checker_catches_an_image_without_alt_text(page):
    page.set_content(
        '<!DOCTYPE html><html lang="nb"><head><title>Prøve</title></head>'
        '<body><main><h1>Prøve</h1><img src="/static/x.png"></main></body></html>'
    )

    violations = axe_violations(page)

    assert [violation["id"] for violation in violations] == ["image-alt"]
