"""The front page is assembled from the sections the apps register."""

import pytest
from wagtail import hooks

from intranet.core.sections import Region, Section, front_page_sections
from intranet.core.services import content_version_bump

pytestmark = pytest.mark.django_db


@pytest.fixture
def weather_template(settings, tmp_path):
    """A section template of a test's own (as a new app would bring)."""
    (tmp_path / "test").mkdir()
    (tmp_path / "test" / "weather.html").write_text(
        '<section class="weather"><h2>Været</h2><p>{{ forecast }}</p></section>'
    )
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    return "test/weather.html"


def test_the_apps_sections_stand_in_their_regions_in_order():
    sections = front_page_sections()

    assert [section.name for section in sections["top"]] == [
        "write-news",
        "must-read",
        "pinned-news",
    ]
    assert [section.name for section in sections["main"]] == [
        "latest-news",
        "latest-case-updates",
    ]
    assert [section.name for section in sections["aside"]] == ["for-you"]
    assert [section.name for section in sections["bottom"]] == ["positioning"]


def test_a_registered_section_appears_on_the_front_page(
    staff_client, home_page, weather_template
):
    built = []

    def forecast(request):
        built.append(request.user.get_username())
        return {"forecast": "Sol over hele kommunen"}

    def weather() -> Section:
        return Section(
            name="weather",
            template=weather_template,
            context=forecast,
            region=Region.MAIN,
            order=15,
        )

    with hooks.register_temporarily("front_page_sections", weather):
        first = staff_client.get("/").content.decode()
        again = staff_client.get("/").content.decode()
        content_version_bump()
        after_publish = staff_client.get("/").content.decode()

    # Between the latest news (10) and the latest case updates (20).
    assert (
        first.index("home-latest")
        < first.index("Sol over hele kommunen")
        < first.index("home-case-updates")
    )
    assert "Sol over hele kommunen" in again
    assert "Sol over hele kommunen" in after_publish
    # Cached under the content version: built again only after the publish.
    assert len(built) == 2


def test_a_personal_section_is_built_for_every_view(
    staff_client, home_page, weather_template
):
    built = []

    def forecast(request):
        built.append(1)
        return {"forecast": f"Hei {request.user.first_name}"}

    def weather() -> Section:
        return Section(
            name="weather",
            template=weather_template,
            context=forecast,
            region=Region.ASIDE,
            cached=False,
        )

    with hooks.register_temporarily("front_page_sections", weather):
        staff_client.get("/")
        content = staff_client.get("/").content.decode()

    assert len(built) == 2
    assert content.index("home-columns__aside") < content.index("Hei ")
