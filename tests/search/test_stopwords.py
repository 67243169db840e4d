"""Natural questions: Norwegian stop words do not have to match.

"hvordan søker jeg om parkering" needs "søker" and "parkering" only; a query of
stop words alone keeps them as ordinary words. The list is Snowball's Norwegian
one, shipped in the stop-words package, not typed here.
"""

import json

from search import text
from search.backends.base import Access
from search.backends.elasticsearch import build_search
from search.query import SearchQuery
from tests.factories.search import make_document


def ids(results) -> list[int]:
    return [hit.document.id for hit in results.hits]


def test_the_stop_words_are_snowballs_norwegian_list():
    assert {"hvordan", "jeg", "om", "og", "på", "når"} <= text.STOP_WORDS
    # Their folded spellings too: "pa" for "på".
    assert "pa" in text.STOP_WORDS
    assert "parkering" not in text.STOP_WORDS
    assert len(text.STOP_WORDS) > 150


def test_a_question_keeps_only_the_words_that_matter():
    parsed = text.parse("Hvordan søker jeg om parkering?")

    assert parsed.clauses == ((text.Term(("søker",)),), (text.Term(("parkering",)),))


def test_stop_words_alone_are_ordinary_words():
    parsed = text.parse("hva er det")

    assert len(parsed.clauses) == 3


def test_phrases_and_alternatives_keep_their_stop_words():
    parsed = text.parse('"søke om" parkering OR når')

    assert parsed.clauses == (
        (text.Term(("søke", "om")),),
        (text.Term(("parkering",)), text.Term(("når",))),
    )


def test_a_question_finds_the_page_that_answers_it(backend, put, staff_user):
    put(
        make_document(
            id=1,
            title="Søknad om parkeringstillatelse",
            body="Slik søker du parkering for beboere.",
        ),
        make_document(id=2, title="Kantinen holder stengt i påsken"),
    )

    found = backend.search(
        SearchQuery(text="hvordan søker jeg om parkering"), staff_user
    )

    assert ids(found) == [1]


def test_a_query_of_stop_words_finds_what_holds_them(backend, put, staff_user):
    put(
        make_document(id=1, title="Hva er det nye intranettet?"),
        make_document(id=2, title="Kantinen holder stengt i påsken"),
    )

    assert ids(backend.search(SearchQuery(text="hva er det"), staff_user)) == [1]


def test_the_elasticsearch_query_leaves_the_stop_words_out():
    body = build_search(
        SearchQuery(text="hvordan søker jeg om parkering"),
        Access(authenticated=True, group_ids=None),
        index="intranet-search",
    ).to_dict()
    queried = json.dumps(body["query"], ensure_ascii=False)

    assert "parkering" in queried
    assert "søker" in queried
    for word in ("hvordan", "jeg", '"om"'):
        assert word not in queried
