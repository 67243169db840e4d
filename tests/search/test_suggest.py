"""/sok/forslag/: what the header's search box suggests as people type."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from intranet.core.models import Topic, Unit
from search.backends import database_backend
from tests.factories.core import UserFactory
from tests.factories.search import make_document

pytestmark = pytest.mark.django_db


def index(*documents):
    database_backend().index(documents)


def suggested(client, q: str) -> dict[str, list[str]]:
    """The labels suggested for ``q``, by group."""
    response = client.get("/sok/forslag/", {"q": q})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return {
        group["key"]: [item["label"] for item in group["items"]]
        for group in response.json()["groups"]
    }


def test_suggestions_need_a_login(client):
    response = client.get("/sok/forslag/?q=skole")

    assert response.status_code == 302
    assert response.url.startswith("/logg-inn/")


def test_titles_are_suggested_from_two_letters_of_any_word(staff_client):
    index(
        make_document(id=1, title="Åpningstider i sommer", url="/a/"),
        make_document(id=2, title="Nye skoleruter", url="/b/"),
        make_document(id=3, title="Sommerfest for alle", url="/c/"),
    )

    assert suggested(staff_client, "s") == {}
    assert suggested(staff_client, "sk") == {"pages": ["Nye skoleruter"]}
    # Titles starting with the word come before those that have it later on.
    assert suggested(staff_client, "som") == {
        "pages": ["Sommerfest for alle", "Åpningstider i sommer"]
    }
    assert suggested(staff_client, "al som") == {"pages": ["Sommerfest for alle"]}
    assert suggested(staff_client, "ommer") == {}


def test_a_suggestion_leads_to_the_page_and_says_what_it_is(staff_client):
    index(make_document(id=1, title="Nye skoleruter", url="/nyheter/skoleruter/"))

    response = staff_client.get("/sok/forslag/?q=skole")

    assert response.json() == {
        "groups": [
            {
                "key": "pages",
                "label": "Sider",
                "items": [
                    {
                        "label": "Nye skoleruter",
                        "url": "/nyheter/skoleruter/",
                        "detail": "Nyhet",
                    }
                ],
            }
        ],
        "count": 1,
    }


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("sor", "Sørumsand skole"),
        ("soer", "Sørumsand skole"),
        ("SØRUM", "Sørumsand skole"),
        ("ha", "Håndbok for ansatte"),
        ("haand", "Håndbok for ansatte"),
        ("aerlig", "Ærlighet varer lengst"),
        ("cafe", "Kantina blir Café Øst"),
        ("ost", "Kantina blir Café Øst"),
    ],
)
def test_letters_need_not_be_norwegian(staff_client, typed, title):
    index(
        make_document(id=1, title="Sørumsand skole"),
        make_document(id=2, title="Håndbok for ansatte"),
        make_document(id=3, title="Ærlighet varer lengst"),
        make_document(id=4, title="Kantina blir Café Øst"),
    )

    assert title in suggested(staff_client, typed).get("pages", [])


def test_a_changed_or_removed_title_is_suggested_no_more(staff_client):
    index(make_document(id=1, title="Budsjettet for 2026"))
    index(make_document(id=1, title="Økonomiplanen"))

    assert suggested(staff_client, "bud") == {}
    assert suggested(staff_client, "øko") == {"pages": ["Økonomiplanen"]}

    database_backend().remove([1])
    assert suggested(staff_client, "øko") == {}


def test_pages_a_person_may_not_see_are_never_suggested(
    client, staff_user, communication_user, communication_group
):
    index(
        make_document(id=1, title="Lønnsoppgjøret", restriction="login"),
        make_document(
            id=2,
            title="Lønnsoppgjøret: forhandlingsnotat",
            restriction="groups",
            group_ids=[communication_group.pk],
        ),
    )

    client.force_login(staff_user)
    assert suggested(client, "lønn") == {"pages": ["Lønnsoppgjøret"]}
    client.force_login(communication_user)
    assert suggested(client, "lønn") == {
        "pages": ["Lønnsoppgjøret", "Lønnsoppgjøret: forhandlingsnotat"]
    }


def test_drafts_and_restricted_pages_are_not_suggested(
    client, staff_user, communication_user, make_article, communication_group
):
    make_article("Budsjett: utkast", publish=False)
    restricted = make_article("Budsjett: for kommunikasjon")
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([communication_group])
    make_article("Budsjett: for alle")

    client.force_login(staff_user)
    assert suggested(client, "bud") == {"pages": ["Budsjett: for alle"]}
    client.force_login(communication_user)
    assert suggested(client, "bud") == {
        "pages": ["Budsjett: for alle", "Budsjett: for kommunikasjon"]
    }


def test_cases_have_their_own_group(client, make_case, communication_group):
    make_case("Ny skolestruktur")
    secret = make_case("Skolenedleggelse i nord")
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([communication_group])
    client.force_login(UserFactory(username="utenfor"))

    assert suggested(client, "skole") == {"cases": ["Ny skolestruktur"]}


def test_people_units_and_topics_are_suggested(staff_client):
    UserFactory(username="oyvind", first_name="Øyvind", last_name="Haaland")
    UserFactory(username="berit", first_name="Berit", last_name="Øvrebø-Hansen")
    UserFactory(
        username="gone", first_name="Øystein", last_name="Slutta", is_active=False
    )
    sector = Unit.objects.create(name="Helse og omsorg", slug="helse")
    Unit.objects.create(name="Hjemmetjenesten", slug="hjemme", parent=sector)
    Topic.objects.create(name="Helsefremmende arbeid", slug="helsefremmende")

    assert suggested(staff_client, "øy") == {"people": ["Øyvind Haaland"]}
    assert suggested(staff_client, "oey") == {"people": ["Øyvind Haaland"]}
    assert suggested(staff_client, "haa") == {"people": ["Øyvind Haaland"]}
    assert suggested(staff_client, "hansen") == {"people": ["Berit Øvrebø-Hansen"]}
    assert suggested(staff_client, "berit ø") == {"people": ["Berit Øvrebø-Hansen"]}
    assert suggested(staff_client, "slutta") == {}
    assert suggested(staff_client, "hel") == {
        "units": ["Helse og omsorg"],
        "topics": ["Helsefremmende arbeid"],
    }
    response = staff_client.get("/sok/forslag/?q=hjem")
    assert response.json()["groups"][0]["items"] == [
        {
            "label": "Hjemmetjenesten",
            "url": "/enhet/hjemme/",
            "detail": "Helse og omsorg",
        }
    ]


def test_each_group_is_bounded(staff_client):
    index(*(make_document(id=n, title=f"Skolerute {n}") for n in range(1, 21)))
    for n in range(6):
        UserFactory(username=f"ola{n}", first_name="Ola", last_name=f"Skolemann{n}")

    found = suggested(staff_client, "sko")

    assert len(found["pages"]) == 5
    assert len(found["people"]) == 3


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.text(max_size=300))
@example("a" * 10_000)
@example("sk\x00ole")
@example("\x00\x00")
@example("🎉🎉 skole")
@example('"*" OR NEAR( -')
@example("שלום עולם")
@example("ß" * 50)
def test_any_input_gives_an_answer_not_an_error(staff_client, typed):
    index(make_document(id=1, title="Skoleruter"))

    response = staff_client.get("/sok/forslag/", {"q": typed})

    assert response.status_code == 200
    assert isinstance(response.json()["groups"], list)


def test_null_bytes_and_long_input_still_suggest(staff_client):
    index(make_document(id=1, title="Skoleruter"))

    assert suggested(staff_client, "sko\x00") == {"pages": ["Skoleruter"]}
    assert suggested(staff_client, "🎉 sko") == {"pages": ["Skoleruter"]}
    assert suggested(staff_client, "sko " + "x" * 10_000) == {}


def test_the_number_of_queries_does_not_grow_with_the_documents(
    client, communication_user
):
    client.force_login(communication_user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sok/forslag/?q=sk").status_code == 200
        return len(captured)

    index(*(make_document(id=n, title=f"Skolerute {n}") for n in range(1, 4)))
    few = queries()
    index(*(make_document(id=n, title=f"Skolerute {n}") for n in range(4, 400)))
    for n in range(10):
        UserFactory(username=f"ola{n}", first_name="Ola", last_name=f"Skolemann{n}")

    assert queries() == few
    assert few <= 10
