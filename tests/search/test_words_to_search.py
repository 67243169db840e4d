"""A query with no word to look for is not a search of everything, and words to
leave out are left out even when nothing else is asked for."""

import pytest

from search.backends import database_backend
from search.query import SearchQuery
from tests.factories.search import make_document

pytestmark = pytest.mark.django_db


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def documents(db):
    database_backend().index(
        [
            make_document(id=1, title="Referat fra skolemøtet"),
            make_document(id=2, title="Budsjett for barnehagene"),
            make_document(id=3, title="Skoleruta for neste år"),
        ]
    )


@pytest.mark.parametrize("typed", ["🙂", '"', "*", "- * ?", "«»", "\u200f"])
def test_a_query_without_a_word_answers_as_an_empty_search(
    staff_client, documents, typed
):
    response = staff_client.get("/sok/", {"q": typed})

    html = _main(response)
    assert response.status_code == 200
    assert "har ingen ord å søke etter" in html
    assert "Skriv det du leter etter" in html  # the empty search's help
    assert "Referat fra skolemøtet" not in html
    assert SearchQuery(text=typed).is_empty


def test_only_words_to_leave_out_leave_them_out(staff_client, documents):
    response = staff_client.get("/sok/", {"q": "-barnehagene"})

    html = _main(response)
    assert "Budsjett for barnehagene" not in html
    assert "Referat fra skolemøtet" in html and "Skoleruta for neste år" in html
    assert "2 treff" in html


def test_the_engine_itself_leaves_out_an_excluded_word(documents):
    results = database_backend().search(SearchQuery(text="-skolemøtet"), None)

    titles = [hit.document.title for hit in results.hits]
    assert "Referat fra skolemøtet" not in titles
    assert results.total == 2
