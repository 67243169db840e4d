import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from intranet.core.models import Topic, Unit
from search.backends import database_backend
from tests.factories.search import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(db):
    health = Unit.objects.create(name="Helse og omsorg", slug="helse")
    home = Unit.objects.create(name="Hjemmetjenesten", slug="hjemme", parent=health)
    Topic.objects.create(name="Digitalisering", slug="digitalisering")
    return health, home


def index(*documents):
    database_backend().index(documents)


def main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_search_needs_a_login(client):
    response = client.get("/sok/?q=skole")

    assert response.status_code == 302
    assert response.url.startswith("/logg-inn/")


def test_an_empty_search_explains_how_to_search(staff_client):
    response = staff_client.get("/sok/")

    assert response.status_code == 200
    assert "Skriv det du leter etter" in main(response)
    assert "«skole» finner også «skolen» og «skolene»" in main(response)


def test_results_show_type_unit_date_and_a_highlighted_snippet(staff_client, units):
    index(
        make_document(
            id=1,
            title="Digital hjemmetjeneste i sone nord",
            intro="Hjemmetjenesten tester <em>digitalt</em> tilsyn.",
            unit="hjemme",
            sector="helse",
            topics=["digitalisering"],
            published=timezone.make_aware(datetime.datetime(2025, 3, 4, 10)),
        )
    )

    html = main(staff_client.get("/sok/?q=hjemmetjenesten"))

    assert (
        '<a href="/nyheter/side-1/">Digital <mark>hjemmetjeneste</mark> i sone nord</a>'
        in html
    )
    assert '<span class="badge">Nyhet</span>' in html
    assert "Hjemmetjenesten (Helse og omsorg)" in html
    assert '<time datetime="2025-03-04">4. mars 2025</time>' in html
    assert "<mark>Hjemmetjenesten</mark> tester &lt;em&gt;digitalt&lt;/em&gt;" in html
    assert "<em>" not in html


def test_facets_are_checkboxes_with_labels_and_counts(staff_client, units):
    index(
        make_document(id=1, title="Møte om sensorer", unit="hjemme", sector="helse"),
        make_document(id=2, title="Møte i kantina", content_type="case"),
        make_document(
            id=3, title="Møte om data", topics=["digitalisering"], themes=["innovation"]
        ),
    )

    html = main(staff_client.get("/sok/?q=møte"))

    def option(name: str, value: str, label: str, count: int) -> bool:
        pattern = (
            rf'<input type="checkbox" id="(facet-{name}-\d+)" name="{name}" '
            rf'value="{value}">\s*<label for="\1">{re.escape(label)} '
            rf'<span class="facet__count">\({count}<'
        )
        return re.search(pattern, html) is not None

    assert option("type", "news", "Nyhet", 2)
    assert option("type", "case", "Sak", 1)
    assert option("unit", "helse", "Helse og omsorg", 1)
    assert option("unit", "hjemme", "Hjemmetjenesten (Helse og omsorg)", 1)
    assert option("topic", "digitalisering", "Digitalisering", 1)
    assert option("theme", "innovation", "Nyskaping", 1)
    assert option("year", "2025", "2025", 3)
    assert "<legend>Innholdstype</legend>" in html


def test_active_filters_are_removable_chips(staff_client, units):
    index(make_document(id=1, title="Sensor", unit="hjemme", sector="helse"))

    response = staff_client.get("/sok/?q=sensor&unit=hjemme&type=news&tag=Velferd")
    html = main(response)

    assert "Enhet: Hjemmetjenesten (Helse og omsorg)" in html
    assert 'href="?q=sensor&amp;type=news&amp;tag=velferd"' in html
    assert 'href="?q=sensor&amp;unit=hjemme&amp;tag=velferd"' in html
    assert "Stikkord: velferd" in html
    assert "Fjern alle filtre" in html


def test_results_are_paginated(staff_client):
    index(*[make_document(id=n, title=f"Referat {n}") for n in range(1, 46)])

    first = main(staff_client.get("/sok/?q=referat"))
    last = main(staff_client.get("/sok/?q=referat&page=3"))

    assert "Viser 1–20 av 45 treff" in first
    assert '<a href="?q=referat&amp;page=2" rel="next">Neste</a>' in first
    assert "Viser 41–45 av 45 treff" in last
    assert '<a href="?q=referat&amp;page=3" aria-current="page">3</a>' in last
    assert 'rel="next"' not in last


def test_a_page_past_the_end_says_so(staff_client):
    index(make_document(id=1, title="Referat"))

    html = main(staff_client.get("/sok/?q=referat&page=7"))

    assert "Det finnes ingen side 7; siste side er 1." in html


def test_no_hits_gives_help(staff_client):
    html = main(staff_client.get("/sok/?q=finnesikke"))

    assert "Ingen treff." in html
    assert "Sjekk stavemåten" in html


@pytest.mark.parametrize(
    ("querystring", "notice"),
    [
        ("q=x&from=2024-02-30", "Fra-datoen «2024-02-30» er ikke en dato"),
        ("q=x&to=i+går", "Til-datoen «i går» er ikke en dato"),
        ("q=x&unit=finnes-ikke", "Det finnes ingen enhet «finnes-ikke»."),
        ("q=x&topic=ukjent", "Det finnes ikke noe emne «ukjent»."),
        ("q=x&type=<b>x</b>", "Ukjent innholdstype «&lt;b&gt;x&lt;/b&gt;»."),
        ("q=x&page=-5", "«-5» er ikke et sidetall; viser første side."),
        ("q=x&page=1e9", "«1e9» er ikke et sidetall"),
        ("q=x&page=" + "9" * 400, "Bare de første 500 sidene kan vises."),
        ("q=x&page=" + "9" * 5000, "Bare de første 500 sidene kan vises."),
        ("q=x&year=" + "2" * 5000, "er ikke et årstall."),
        ("q=x&case=" + "7" * 5000, "er ikke en gyldig sak."),
        ("q=x&year=1'; DROP TABLE x;--", "er ikke et årstall."),
    ],
)
def test_bad_input_gives_a_norwegian_notice_not_an_error(
    staff_client, units, querystring, notice
):
    response = staff_client.get(f"/sok/?{querystring}")

    assert response.status_code == 200
    assert notice in main(response)


def test_a_page_that_is_not_a_case_as_the_case_filter_gives_a_notice(
    staff_client, units
):
    """The root page (id 1) and the home page are plain Wagtail pages: the
    case filter naming them is dropped with a notice, not a server error."""
    from wagtail.models import Page

    for page in (Page.get_first_root_node(), Page.objects.get(depth=2)):
        response = staff_client.get("/sok/", {"q": "x", "case": page.pk})

        assert response.status_code == 200
        assert f"Det finnes ingen sak «{page.pk}»." in main(response)


def test_query_count_is_constant_however_many_hits(
    staff_client, units, django_assert_max_num_queries
):
    def plans(ids):
        index(
            *[
                make_document(
                    id=n, title=f"Plan {n}", unit="hjemme", topics=["digitalisering"]
                )
                for n in ids
            ]
        )

    url = "/sok/?q=plan&type=news&topic=digitalisering&tag=&person="
    plans(range(1, 4))
    staff_client.get(url)  # the first request creates the Wagtail user profile
    with django_assert_max_num_queries(20) as few:
        assert "Viser 1–3 av 3 treff" in main(staff_client.get(url))
    plans(range(4, 60))

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Viser 1–20 av 59 treff" in main(staff_client.get(url))


def test_elasticsearch_down_falls_back_to_the_database_with_a_notice(
    staff_client, settings
):
    import socket

    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{free.getsockname()[1]}"
    index(make_document(id=1, title="Brannøvelse"))

    html = main(staff_client.get("/sok/?q=brannøvelse"))

    assert "Søkemotoren er utilgjengelig akkurat nå" in html
    assert "<mark>Brannøvelse</mark>" in html


def test_topic_and_tag_links_lead_to_filtered_search():
    template = Template(
        "{% load search_tags %}"
        "{% search_url topic='digitalisering' %} {% search_url tag='Velferd' %}"
    )

    assert template.render(Context()) == "/sok/?topic=digitalisering /sok/?tag=velferd"


TRICKY = [
    '"',
    '"""',
    "*",
    ":",
    "AND",
    "OR",
    "NOT",
    "-",
    "- -",
    "((",
    "a)",
    "NEAR(a b)",
    "title:x",
    "^",
    "\\",
    "'",
    "%",
    "%s",
    "\x00",
    "\x1b[31m",
    "😀 skole",
    "ﬁ",
    "²",
    "'; DROP TABLE search_indexentry; --",
    "<script>alert(1)</script>",
    "0",
    "-1",
    "99999999999999999999999",
    "2024-02-30",
    "news",
    "innovation",
]
PARAMETERS = [
    "q",
    "type",
    "unit",
    "topic",
    "theme",
    "tag",
    "year",
    "case",
    "person",
    "from",
    "to",
    "sort",
    "page",
    "x",
]
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
values = st.one_of(any_text, st.sampled_from(TRICKY))
params = st.dictionaries(
    st.sampled_from(PARAMETERS), st.lists(values, min_size=1, max_size=3), max_size=6
)


@pytest.fixture
def fuzz_corpus(db, units):
    index(
        make_document(id=1, title="Skolene i Sørum", body="Barnehagene og æøå."),
        make_document(id=2, title="Digital hjemmetjeneste", content_type="case"),
    )


@settings(
    max_examples=150,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=values, extra=params)
@example(text="a" * 10_000, extra={})
@example(text='"skole AND (barn* OR -"', extra={"page": ["-1"], "from": ["x"]})
@example(text="\x00\x01\x02 skole", extra={"type": ["\x00"], "year": ["２０２４"]})
def test_any_input_to_the_search_page_is_answered_without_an_error(
    staff_client, fuzz_corpus, text, extra
):
    response = staff_client.get("/sok/", {"q": text, **extra})

    assert response.status_code == 200
    assert "<script>alert" not in main(response)
