"""Every page fetches one stylesheet and one script, joined from the source files
(settings.STATIC_BUNDLES); the sources stay separate files to edit."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from intranet.core.staticfiles import BundleFinder
from news import services
from tests.factories.core import UserFactory
from tests.factories.news import NewsPageFactory


def source_text(path: str) -> str:
    return Path(finders.find(path)).read_text(encoding="utf-8").rstrip()


@pytest.mark.parametrize("bundle", ["css/site.css", "js/site.js"])
def test_a_bundle_is_its_sources_in_order(settings, bundle):
    text = Path(finders.find(bundle)).read_text(encoding="utf-8")

    positions = [
        text.index(source_text(source)) for source in settings.STATIC_BUNDLES[bundle]
    ]
    assert positions == sorted(positions)


def test_a_changed_source_is_in_the_bundle_the_next_time(settings, tmp_path):
    (tmp_path / "css").mkdir()
    source = tmp_path / "css" / "a.css"
    settings.STATICFILES_DIRS = [tmp_path, *settings.STATICFILES_DIRS]
    settings.STATIC_BUNDLES = {"css/both.css": ["css/a.css", "css/intranet.css"]}
    finder = BundleFinder()
    source.write_text(".a { color: red; }")
    assert ".a { color: red; }" in Path(finder.find("css/both.css")).read_text()

    source.write_text(".a { color: blue; }")

    assert ".a { color: blue; }" in Path(finder.find("css/both.css")).read_text()


def test_collectstatic_collects_the_bundles():
    listed = dict(BundleFinder().list([]))

    assert set(listed) == {"css/site.css", "js/site.js"}
    with listed["css/site.css"].open("css/site.css") as bundle:
        assert source_text("css/intranet.css") in bundle.read().decode()


def test_a_missing_source_is_an_error_at_start(settings):
    settings.STATIC_BUNDLES = {"css/site.css": ["css/intranet.css", "css/gone.css"]}

    errors = BundleFinder().check()

    assert [error.id for error in errors] == ["core.E001"]
    assert "css/gone.css" in errors[0].msg


def test_the_configured_bundles_are_complete():
    assert BundleFinder().check() == []


@pytest.mark.django_db
def test_a_story_links_the_bundles_and_none_of_their_sources(settings, home_page):
    index = services.news_index_create(
        parent=home_page, title="Nyheter", slug="nyheter"
    )
    article = NewsPageFactory(parent=index, title="Ny turvei")
    client = Client()
    client.force_login(UserFactory(username="ola"))

    html = client.get(article.url).content.decode()

    assert html.count('rel="stylesheet"') == 1
    assert 'href="/static/css/site.css"' in html
    assert 'src="/static/js/site.js" defer' in html
    sources = [path for paths in settings.STATIC_BUNDLES.values() for path in paths]
    assert [path for path in sources if f"/static/{path}" in html] == []
