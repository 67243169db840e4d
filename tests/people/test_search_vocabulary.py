"""Units and topics in search: a search that names one links to its page."""

import pytest

from intranet.core.models import Topic, Unit

pytestmark = pytest.mark.django_db


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
