"""``ord*`` finds the words that begin with ``ord``."""

import pytest

from search.backends import database_backend
from search.query import SearchQuery
from tests.factories.search import make_document

pytestmark = pytest.mark.django_db


def found(text, user) -> list[str]:
    results = database_backend().search(SearchQuery(text=text), user)
    return sorted(hit.document.title for hit in results.hits)


@pytest.fixture
def pages(db):
    database_backend().index(
        [
            make_document(id=1, title="Ny ordning for parkering"),
            make_document(id=2, title="Ordføreren besøker skolen"),
            make_document(id=3, title="Bibliotekets ordbok er på nett"),
            make_document(id=4, title="Barnehagene stenger i juli"),
            make_document(id=5, title="Sørumsand skole", body="Søknadsfrist i mai"),
        ]
    )


def test_a_star_finds_the_words_that_begin_so(pages, staff_user):
    assert found("ord*", staff_user) == [
        "Bibliotekets ordbok er på nett",
        "Ny ordning for parkering",
        "Ordføreren besøker skolen",
    ]
    # Without the star only the word itself (and its forms) is found.
    assert found("ord", staff_user) == []


def test_a_whole_word_with_a_star_finds_its_forms(pages, staff_user):
    assert found("barnehagene*", staff_user) == ["Barnehagene stenger i juli"]
    assert found("barneh*", staff_user) == ["Barnehagene stenger i juli"]


def test_a_prefix_combines_with_other_words_and_folds_letters(pages, staff_user):
    results = database_backend().search(SearchQuery(text="ord* skole*"), staff_user)
    assert results.hits[0].document.title == "Ordføreren besøker skolen"
    assert results.complete == 1
    assert found("sorum*", staff_user) == ["Sørumsand skole"]
    assert found("søknad*", staff_user) == ["Sørumsand skole"]


@pytest.mark.parametrize("typed", ["*", "**", "* *", "-*", '"*"'])
def test_a_lone_star_is_an_empty_search(pages, staff_client, typed):
    response = staff_client.get("/sok/", {"q": typed})

    assert response.status_code == 200
    page = response.content.decode()
    assert "har ingen ord å søke etter" in page
    assert "Ny ordning for parkering" not in page


def test_the_search_page_lists_prefix_hits(pages, staff_client):
    response = staff_client.get("/sok/", {"q": "ordf*"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "1 treff" in page
    assert "<mark>Ordføreren</mark> besøker skolen" in page
