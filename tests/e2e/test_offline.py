"""Installable and readable offline (issue #25) in Chromium: after reading two
stories a person on a phone who loses the network still opens them, with the
«Du er frakoblet» notice; a page never read shows the offline page with the ones
that can be read; after logging out the browser holds nothing of that person."""

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from news.models import NewsPage
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.service_workers]

PAGES_CACHE = "intranet-pages"

STORED_ENTRIES = """async () => {
    let count = 0;
    for (const name of await caches.keys()) {
        count += (await (await caches.open(name)).keys()).length;
    }
    return count;
}"""


def stored_paths(page) -> set[str]:
    return set(
        page.evaluate(
            """async (name) => (await (await caches.open(name)).keys())
                .map((request) => new URL(request.url).pathname)""",
            PAGES_CACHE,
        )
    )


def wait_until_stored(page, path: str) -> None:
    page.wait_for_function(
        """async ([name, path]) => {
            const cache = await caches.open(name);
            return Boolean(await cache.match(path));
        }""",
        arg=[PAGES_CACHE, path],
        polling=100,
    )


def test_two_stories_read_open_offline_and_logging_out_forgets_them(page):
    stories = list(NewsPage.objects.live().public().order_by("-pk")[:2])
    titles = {story.url: story.title for story in stories}
    log_in(page, "kari.nordmann")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # now under the worker
    for url in titles:
        page.goto(url)
        wait_until_stored(page, url)
    assert set(titles) | {"/"} <= stored_paths(page)

    page.context.set_offline(True)
    for url, title in titles.items():
        page.goto(url)
        expect(page.locator("main h1")).to_have_text(title)
        expect(
            page.get_by_role("status").filter(has_text="Du er frakoblet")
        ).to_be_visible()
    page.goto("/saker/")
    expect(page.locator("main h1")).to_have_text("Du er frakoblet")
    saved = page.get_by_role("region", name="Sider du kan lese uten nett")
    for title in titles.values():
        expect(saved.get_by_role("link", name=title)).to_be_visible()

    page.context.set_offline(False)
    page.goto("/")
    expect(page.locator("[data-offline-notice]")).to_be_hidden()
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url("**/logg-inn/**")

    assert page.evaluate(STORED_ENTRIES) == 0
    assert (
        page.evaluate(
            "navigator.serviceWorker.getRegistrations().then((all) => all.length)"
        )
        == 0
    )
    # Nothing left to show: without the network the story does not open.
    page.context.set_offline(True)
    for url in titles:
        with pytest.raises(PlaywrightError, match="ERR_INTERNET_DISCONNECTED"):
            page.goto(url)
