"""Browser tests: Playwright driving the machine's Chromium against a live server.

Run with `make test-e2e`. The database is seeded once with the demo data and
restored after every test (serialized rollback), so each journey starts from the
same state. Screenshots of failing tests go to `test-results/e2e/`.
"""

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "node_modules/axe-core/axe.min.js"
SCREENSHOTS = ROOT / "test-results/e2e"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "demo1234"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in item.nodeid:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    report = yield
    if report.when == "call":
        item.e2e_failed = report.failed
    return report


@pytest.fixture(scope="session")
def e2e_media_root(tmp_path_factory):
    """One media folder for the whole run: the seeded images live there."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("e2e-media")):
        yield


@pytest.fixture
def _media_root(e2e_media_root):
    """Replaces the per-test media folder of tests/conftest.py."""


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, e2e_media_root):
    """Seed the demo data once and make it what every test is rolled back to."""
    with django_db_blocker.unblock():
        call_command("seed_demo", verbosity=0)
        for connection in connections.all():
            connection._test_serialized_contents = (
                connection.creation.serialize_db_to_string()
            )


@pytest.fixture
def seeded(transactional_db, django_db_serialized_rollback):
    """Database access for a browser test, restored to the seeded state after it."""


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: run `make test-e2e`")
    if not AXE.exists():
        pytest.skip("axe-core not installed: run `make test-e2e` (npm ci)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the Django calls the
    # tests make around it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield _WithoutServiceWorkers(browser)
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class _WithoutServiceWorkers:
    """The browser, whose new contexts block the offline service worker unless
    a test asks for it (`@pytest.mark.service_workers`).

    The worker fetches pages in the background after they load; such a fetch
    could still reach the live server after the test ended, and the page read
    it records would then land in the middle of the database being reset for
    the next test (a foreign key to a page that is gone)."""

    def __init__(self, browser) -> None:
        self._browser = browser

    def new_context(self, **options):
        options.setdefault("service_workers", "block")
        return self._browser.new_context(**options)

    def __getattr__(self, name: str):
        return getattr(self._browser, name)


@pytest.fixture
def page(browser, request, seeded, live_server) -> Iterator:
    workers = "allow" if request.node.get_closest_marker("service_workers") else "block"
    context = browser.new_context(
        service_workers=workers,
        base_url=live_server.url,
        locale="nb-NO",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    if getattr(request.node, "e2e_failed", False):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    context.close()


def log_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/logg-inn/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_load_state()


def axe_violations(page) -> list[dict]:
    """Run axe-core's WCAG 2.1 A/AA rules on the current page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async (tags) => {
            const options = {runOnly: {type: 'tag', values: tags}};
            const outcome = await axe.run(document, options);
            return outcome.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
            }));
        }""",
        WCAG_TAGS,
    )
    return result


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, indent=2, ensure_ascii=False)


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the viewport.

    Measured once the page has loaded: before its stylesheet has arrived the
    browser lays out the bare HTML (a form is then wider than a phone), which a
    person never sees because the first paint waits for the stylesheet.
    """
    page.wait_for_load_state()
    return page.evaluate(
        "() => document.documentElement.scrollWidth"
        " - document.documentElement.clientWidth"
    )
