"""When too few pages hold all the words, the pages with most of them are
shown, those with more of the words first, and the page says so. The engine
tests run on every reachable engine (the ``backend`` fixture)."""

import pytest

from search.backends import database_backend
from search.query import SearchQuery
from tests.factories.search import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def search(backend):
    def search(text, user, **filters):
        return backend.search(SearchQuery(text=text, **filters), user)

    return search


def titles(results) -> list[str]:
    return [hit.document.title for hit in results.hits]


PAGES = [
    make_document(
        id=1,
        title="Søknad om barnehageplass",
        body="Slik søker du barnehageplass i kommunen. Fristen er 1. mars.",
    ),
    make_document(
        id=2,
        title="Barnehageplass og betaling",
        body="Hva koster en plass i barnehagen?",
    ),
    make_document(id=3, title="Søknad om skoleskyss", body="Frist 1. juni."),
    make_document(id=4, title="Kantinen holder stengt", body="Hele juli."),
]


@pytest.fixture
def pages(put):
    put(*PAGES)


@pytest.fixture
def database_pages(db):
    database_backend().index(PAGES)


def test_a_natural_question_finds_the_pages_with_most_of_its_words(
    pages, search, staff_user
):
    results = search("raskt søke barnehageplass", staff_user)

    # "raskt" is on no page: two of the three words are enough.
    assert results.relaxed
    assert results.complete == 0
    assert titles(results) == ["Søknad om barnehageplass"]


def test_more_matching_words_rank_first(pages, search, staff_user):
    results = search("søknad barnehageplass frist", staff_user)

    # Page 1 holds all three words, page 2 one, page 3 two ("søknad", "frist").
    assert results.relaxed
    assert results.complete == 1
    assert titles(results) == [
        "Søknad om barnehageplass",
        "Søknad om skoleskyss",
    ]


def test_enough_hits_on_all_the_words_are_not_relaxed(put, search, staff_user):
    put(
        *[make_document(id=n, title=f"Møte i utvalg {n}") for n in range(1, 5)],
        make_document(id=9, title="Møte om budsjett"),
    )

    results = search("møte utvalg", staff_user)

    assert not results.relaxed
    assert results.total == 4


def test_a_single_word_is_never_relaxed(pages, search, staff_user):
    results = search("svømmehall", staff_user)

    assert (results.total, results.relaxed) == (0, False)


def test_excluded_words_and_filters_still_hold(pages, search, staff_user):
    results = search("søknad barnehageplass frist -skoleskyss", staff_user)

    assert "Søknad om skoleskyss" not in titles(results)
    results = search("søknad skoleskyss kantinen", staff_user, types=("case",))
    assert results.total == 0


def test_the_page_says_the_hits_hold_some_of_the_words(database_pages, staff_client):
    response = staff_client.get("/sok/", {"q": "barnehageplass betaling juli"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ingen treff på alle ordene. Viser treff på noen av dem." in page
    assert "betaling" in page
    assert "Kantinen" not in page


def test_a_few_hits_on_all_words_keep_them_first_and_say_so(
    database_pages, staff_client
):
    response = staff_client.get("/sok/", {"q": "søknad barnehageplass frist"})

    page = response.content.decode()
    assert "Få treff på alle ordene. Viser også treff på noen av dem." in page
