"""Units and topics in search: a search that names one links to its page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.core.models import Topic, Unit
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

UNIT_READ = 'SELECT "core_unit"."id"'


def section(html: str, heading: str) -> str:
    start = html.find(f">{heading}</h3>")
    if start == -1:
        return ""
    return html[start : html.index("</section>", start)]


@pytest.fixture
def vocabulary(unit):
    # ``unit`` is "Barnehagene" in "Oppvekst og utdanning".
    health = Unit.objects.create(name="Helse og omsorg", slug="helse")
    Unit.objects.create(name="Sørum sykehjem", slug="sorum-sykehjem", parent=health)
    Topic.objects.create(name="Barnehage", slug="barnehage")
    Topic.objects.create(name="Økonomi", slug="okonomi")


def test_a_search_naming_a_unit_and_a_topic_links_to_both(my_client, vocabulary):
    html = my_client.get("/sok/", {"q": "barnehage"}).content.decode()

    units = section(html, "Enheter")
    assert 'href="/enhet/barnehagene/"' in units
    topics = section(html, "Emner")
    assert 'href="/tema/barnehage/"' in topics
    assert "Økonomi" not in topics


def test_letters_typed_without_norwegian_letters_still_name_the_unit(
    my_client, vocabulary
):
    html = my_client.get("/sok/", {"q": "sorum"}).content.decode()
    units = section(html, "Enheter")
    assert "Sørum sykehjem" in units
    assert "(Helse og omsorg)" in units

    html = my_client.get("/sok/", {"q": "okonomi"}).content.decode()
    assert 'href="/tema/okonomi/"' in section(html, "Emner")


def test_every_word_must_name_it(my_client, vocabulary):
    html = my_client.get("/sok/", {"q": "barnehage søknad"}).content.decode()
    assert section(html, "Enheter") == ""
    assert section(html, "Emner") == ""

    html = my_client.get("/sok/", {"q": "helse omsorg"}).content.decode()
    assert 'href="/enhet/helse/"' in section(html, "Enheter")


def test_no_units_on_later_pages_or_when_narrowed_to_pages(my_client, vocabulary):
    for params in ({"q": "barnehage", "page": "2"}, {"q": "barnehage", "type": "news"}):
        html = my_client.get("/sok/", params).content.decode()
        assert section(html, "Enheter") == ""


def test_a_renamed_unit_or_topic_is_found_by_its_new_name_at_once(
    my_client, vocabulary, home_page
):
    """The units and topics are kept between searches; a publish keeps
    them, a rename is seen at the next search (in the list and the filter's
    label)."""
    news = NewsIndexPageFactory(parent=home_page)
    assert "Sørum sykehjem" in section(
        my_client.get("/sok/", {"q": "sorum"}).content.decode(), "Enheter"
    )
    with CaptureQueriesContext(connection) as queries:
        my_client.get("/sok/", {"q": "sorum"})
    assert not [q for q in queries.captured_queries if q["sql"].startswith(UNIT_READ)]
    NewsPageFactory(parent=news)  # a publish
    with CaptureQueriesContext(connection) as queries:
        my_client.get("/sok/", {"q": "sorum"})
    assert not [q for q in queries.captured_queries if q["sql"].startswith(UNIT_READ)]

    unit = Unit.objects.get(slug="sorum-sykehjem")
    unit.name = "Fossum sykehjem"
    unit.save()
    Topic.objects.filter(slug="okonomi").get().delete()

    html = my_client.get("/sok/", {"q": "fossum"}).content.decode()
    assert "Fossum sykehjem" in section(html, "Enheter")
    assert (
        section(my_client.get("/sok/", {"q": "sorum"}).content.decode(), "Enheter")
        == ""
    )
    html = my_client.get("/sok/", {"q": "okonomi"}).content.decode()
    assert section(html, "Emner") == ""
    html = my_client.get("/sok/", {"q": "x", "unit": "sorum-sykehjem"}).content.decode()
    assert "Fossum sykehjem (Helse og omsorg)" in html
