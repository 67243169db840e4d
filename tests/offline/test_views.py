"""Installable and readable offline (issue #25): the manifest and the worker hold
nothing internal and answer without login, every page of a logged-in person
registers the worker, and logging in or out tells the browser to forget what it
kept (the browser test, tests/e2e/test_offline.py, follows it in Chromium)."""

import json

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from intranet.offline import policy
from tests.factories.core import UserFactory
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db


def test_the_manifest_names_the_municipalitys_intranet_without_login(settings):
    settings.WAGTAIL_SITE_NAME = "Sandnes intranett"

    response = Client().get("/manifest.webmanifest")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Sandnes intranett"
    assert manifest["lang"] == "nb"
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    assert "alle informerer om sitt eget arbeid" in manifest["description"]
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} == sizes
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix(settings.STATIC_URL))


def test_the_worker_answers_without_login_and_carries_the_rule():
    response = Client().get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    source = response.content.decode()
    config = json.loads(
        source.split("const CONFIG = ", 1)[1].split(";\nconst SAVED_AT", 1)[0]
    )
    assert config["pagesKept"] == policy.PAGES_KEPT
    assert {"/admin/", "/logg-inn/", "/logg-ut/"} <= set(config["neverStored"])
    assert config["offlineUrl"] == "/frakoblet/"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_worker_and_manifest_only_answer_reading(method):
    for url in ("/sw.js", "/manifest.webmanifest"):
        assert getattr(Client(), method)(url).status_code == 405


def test_the_offline_page_needs_a_login_and_shows_nobody(client):
    assert client.get("/frakoblet/").status_code == 302

    client.force_login(UserFactory(username="kari", first_name="Kari"))
    html = client.get("/frakoblet/").content.decode()

    assert "Du er frakoblet" in html
    assert "Sider du kan lese uten nett" in html
    assert "Kari" not in html and "Logg ut" not in html


def test_a_logged_in_persons_page_registers_the_worker(client, home_page):
    article = NewsPageFactory(parent=home_page, title="Ny turvei")
    client.force_login(UserFactory(username="kari"))

    html = client.get(article.url).content.decode()

    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert 'data-worker="/sw.js"' in html
    # The notice is in every page, hidden until the worker shows a stored copy.
    assert "data-offline-notice hidden" in html
    assert "Du er frakoblet – du ser en lagret kopi." in html


def test_the_login_page_registers_no_worker(client):
    html = client.get("/logg-inn/").content.decode()

    assert '<link rel="manifest"' in html
    assert "data-worker" not in html and "data-offline-notice" not in html


def test_logging_out_and_in_tells_the_browser_to_forget_what_it_kept(client):
    UserFactory(username="kari")
    assert "Clear-Site-Data" not in client.get("/logg-inn/")

    logged_in = client.post("/logg-inn/", {"username": "kari", "password": "passord"})
    assert logged_in.status_code == 302
    assert logged_in["Clear-Site-Data"] == '"cache", "storage"'

    assert "Clear-Site-Data" not in client.get("/varsler/")

    logged_out = client.post("/logg-ut/")
    assert logged_out["Clear-Site-Data"] == '"cache", "storage"'
