"""gunicorn with the production settings on PostgreSQL, as the IT department runs it."""

import json
import re
import shutil
import time

import pytest

from intranet.core.backup import headings_in_main
from tests.deploy.harness import Server, shell

NEWS_ARTICLE = "/nyheter/digitalt-tilsyn-proves-ut-i-tre-soner-i-hjemmetjenesten/"


def test_person_logs_in_and_reads_front_page_news_and_search(server):
    session = server.login("kari.nordmann")

    front = server.get("/", session=session)
    assert front.status_code == 200
    assert "Kari" in front.text
    headings = headings_in_main(front.text)
    assert "Siste nytt" in headings

    news_index = server.get("/nyheter/", session=session)
    assert news_index.status_code == 200
    assert NEWS_ARTICLE in news_index.text
    article = server.get(NEWS_ARTICLE, session=session)
    assert article.status_code == 200
    assert "<h1>Digitalt tilsyn prøves ut i tre soner i hjemmetjenesten</h1>" in (
        article.text
    )

    search = server.get("/sok/?q=skole", session=session)
    assert search.status_code == 200
    assert "skole" in search.text.lower()
    assert re.search(r'href="/(nyheter|saker)/[a-z0-9-]+/', search.text)


def test_anonymous_visitor_is_sent_to_login(server):
    response = server.get("/")

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/logg-inn/")


def test_plain_http_is_redirected_to_https_except_the_health_check(server):
    import requests

    redirected = requests.get(server.base + "/", allow_redirects=False, timeout=10)
    health = requests.get(server.base + "/healthz", timeout=10)

    assert redirected.status_code == 301
    assert redirected.headers["Location"].startswith("https://")
    assert health.status_code == 200


def test_security_headers_on_pages(server, staff_session):
    response = server.get("/", session=staff_session)

    headers = response.headers
    assert headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    policy = directives(headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_admin_gets_its_own_looser_policy(server, admin_session):
    response = server.get("/admin/", session=admin_session)

    assert response.status_code == 200
    policy = directives(response.headers["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "gravatar" not in response.text


def test_site_pages_have_no_inline_script_or_style(server, staff_session):
    """What the strict policy would block: inline <script>, <style>, style= and on…="""
    for path in ["/", "/nyheter/", NEWS_ARTICLE, "/saker/", "/sok/?q=skole"]:
        html = server.get(path, session=staff_session).text
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert all("src=" in tag or "application/json" in tag for tag in scripts), path
        assert "<style" not in html, path
        assert not re.search(r"\sstyle=\"", html), path
        assert not re.search(r"\son[a-z]+=\"", html), path


def test_static_asset_has_hashed_name_far_future_cache_and_compression(server):
    login_page = server.get("/logg-inn/").text
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', login_page)
    assert css, "the stylesheet is linked by its hashed name"

    for encoding in ["br", "gzip"]:
        response = server.get(
            css.group(1), headers={"Accept-Encoding": encoding}, stream=True
        )
        assert response.status_code == 200
        assert response.headers["Content-Encoding"] == encoding
        assert "immutable" in response.headers["Cache-Control"]
        max_age = re.search(r"max-age=(\d+)", response.headers["Cache-Control"])
        assert int(max_age.group(1)) >= 365 * 24 * 3600
        assert response.headers["Content-Type"].startswith("text/css")
    plain = server.get(css.group(1), headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert ".site-header" in plain.text


def test_uploaded_images_are_served_behind_the_login(server, staff_session):
    front = server.get("/", session=staff_session).text
    image = re.search(r'src="(/media/[^"]+)"', front)
    assert image, "the demo front page shows pictures"

    assert server.get(image.group(1), session=staff_session).status_code == 200
    anonymous = server.get(image.group(1))
    assert anonymous.status_code == 302
    assert anonymous.headers["Location"].startswith("/logg-inn/")


RESTRICTED_DOCUMENT = """
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

collection = Collection.get_first_root_node().add_child(name="Ledelse (test)")
restriction = CollectionViewRestriction.objects.create(
    collection=collection, restriction_type="groups"
)
restriction.groups.add(Group.objects.create(name="Ledergruppen (test)"))
document = get_document_model().objects.create(
    title="Nedbemanning",
    collection=collection,
    file=ContentFile(b"hemmelig plan", name="nedbemanning.txt"),
)
print("DOCUMENT=" + document.file.name)
"""


def test_a_restricted_document_is_not_sent_from_its_upload_path(
    server, site_env, staff_session
):
    output = shell(site_env, RESTRICTED_DOCUMENT)
    name = re.search(r"^DOCUMENT=(.+)$", output, re.MULTILINE).group(1)

    response = server.get(f"/media/{name}", session=staff_session)

    assert "hemmelig plan" not in response.text
    assert response.status_code == 302
    checked = response.headers["Location"]
    assert checked.startswith("/dokumenter/")
    refused = server.get(checked, session=staff_session)
    assert refused.status_code == 302
    assert "hemmelig plan" not in refused.text


def test_health_reports_database_cache_disk_and_mail(server):
    response = server.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == body["cache"] == body["disk"] == "ok"
    assert body["disk_free_mb"] > 0
    assert body["mail"] == "not_smtp"  # the console backend of the test setup


def test_logs_are_json_lines_with_request_ids_and_no_names(server):
    session = server.login("hilde.strand")
    request_id = "test-" + "7" * 20
    response = server.get(
        "/nyheter/", session=session, headers={"X-Request-ID": request_id}
    )
    assert response.headers["X-Request-ID"] == request_id
    generated = server.get("/healthz", headers={"X-Request-ID": "bad id!"})
    assert re.fullmatch(r"[0-9a-f]{32}", generated.headers["X-Request-ID"])

    time.sleep(0.5)
    lines = server.stdout_path.read_text().splitlines()
    entries = [json.loads(line) for line in lines]  # every line is JSON
    ours = [e for e in entries if e.get("request_id") == request_id]
    assert ours, "the request is logged with the id the proxy gave it"
    assert ours[-1]["path"] == "/nyheter/"
    assert ours[-1]["status"] == 200
    assert isinstance(ours[-1]["user_id"], int)
    text = "\n".join(lines)
    assert "hilde.strand" not in text
    assert "demo1234" not in text
    assert "Hilde" not in text


@pytest.mark.skipif(
    not shutil.which("chromium"), reason="needs Chromium (make browser-tools)"
)
def test_no_content_security_policy_violations_in_a_browser(server, admin_session):
    """Chromium reports every blocked script, style or image in its console."""
    from playwright.sync_api import sync_playwright

    paths = [
        "/",
        NEWS_ARTICLE,
        "/saker/",
        "/sok/?q=skole",
        "/admin/",
        "/admin/pages/",
        "/admin/images/",
    ]
    violations = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox"]
        )
        context = browser.new_context(extra_http_headers={"X-Forwarded-Proto": "https"})
        context.add_cookies(
            [{"name": "sessionid", "value": admin_session, "url": server.base}]
        )
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                "Content Security Policy" in message.text
                and violations.append(f"{page.url}: {message.text}")
            ),
        )
        for path in paths:
            response = page.goto(server.base + path)
            assert response.status == 200, path
            page.wait_for_load_state("networkidle")
        # A page editor: Draftail, StreamField and the preview panel.
        page.goto(server.base + "/admin/pages/")
        edit = page.locator("a[href*='/edit/']").first.get_attribute("href")
        page.goto(server.base + edit)
        page.wait_for_load_state("networkidle")
        assert page.locator("form#page-edit-form").count() == 1
        browser.close()
    assert violations == []


PUBLISH = """
from news.models import NewsIndexPage
from news.services import news_article_create
news_article_create(index=NewsIndexPage.objects.get(), title={title!r},
                    slug="cache-proeve", intro="Publisert fra en annen prosess.")
"""
DELETE = """
from news.models import NewsPage
NewsPage.objects.get(slug="cache-proeve").delete()
"""


def test_every_worker_shows_a_publish_on_the_front_page_at_once(
    server, site_env, staff_session
):
    """Each worker caches the front page's story lists in its own memory; the
    content version in the database tells them all that a story came or went."""
    title = "Nytt fra en annen prosess"
    for _ in range(6):  # fills the cache of both workers
        assert title not in server.get("/", session=staff_session).text

    shell(site_env, PUBLISH.format(title=title))
    try:
        for _ in range(6):
            assert title in server.get("/", session=staff_session).text
    finally:
        shell(site_env, DELETE)

    for _ in range(6):
        assert title not in server.get("/", session=staff_session).text


@pytest.mark.skipif(not shutil.which("wrk"), reason="needs wrk (apt-get install wrk)")
def test_twenty_clients_for_ten_seconds_get_no_errors(server, staff_session):
    """A short version of benchmarks/load_bench.py: no errors and no 5xx."""
    from benchmarks.load_bench import run_wrk

    result = run_wrk(
        server.base,
        ["/", NEWS_ARTICLE, "/sok/?q=skole"],
        session=staff_session,
        connections=20,
        seconds=10,
    )
    assert result["requests"] >= 20
    assert result["errors"] == 0
    assert result["non_2xx"] == 0


def test_server_stops_cleanly_on_sigterm(site_env, tmp_path):
    running = Server(site_env, tmp_path, workers=1).start()
    assert running.get("/healthz").status_code == 200

    assert running.stop() == 0
    log = running.stdout_path.read_text()
    assert "Shutting down" in log or "Handling signal: term" in log


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed
