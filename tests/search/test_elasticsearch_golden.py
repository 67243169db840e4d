"""Pinned Elasticsearch requests: the index definition and the query bodies.

These run without a server. A change to a golden file is a deliberate, reviewed
change: regenerate with
`UPDATE_GOLDEN=1 .venv/bin/pytest tests/search/test_elasticsearch_golden.py`
and read the diff.
"""

import datetime
import json
import os
from pathlib import Path

import pytest
from django.utils import timezone

from search.backends.base import Access
from search.backends.elasticsearch import IndexedPage, build_search, index_definition
from search.query import SearchQuery
from tests.factories.search import make_document

GOLDEN = Path(__file__).parent / "golden"


def assert_golden(name: str, data) -> None:
    data = json.loads(json.dumps(data))
    path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(
            json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1"
    assert data == json.loads(path.read_text(encoding="utf-8"))


def summarised(data, *, longest: int = 100):
    """The data with each list longer than ``longest`` (the lexicon-fed rules
    and word lists) as its length and every 250th item."""
    if isinstance(data, dict):
        return {key: summarised(value) for key, value in data.items()}
    if isinstance(data, list) and len(data) > longest:
        return {"count": len(data), "every_250th": data[::250]}
    return data


def test_index_settings_and_mapping_are_pinned():
    assert_golden(
        "index", summarised(index_definition("intranet-search-golden").to_dict())
    )


STAFF = Access(authenticated=True, group_ids=(3, 7))
SUPERUSER = Access(authenticated=True, group_ids=None)
ANONYMOUS = Access(authenticated=False, group_ids=())

REQUESTS = {
    "search_text": (SearchQuery(text="barnehagene"), STAFF),
    "search_everything": (
        SearchQuery(
            text='skolene "digital hjemmetjeneste" OR velferdsteknologi -pilot',
            types=("case", "news"),
            units=("helse",),
            topics=("digitalisering",),
            themes=("innovation",),
            tags=("sensor",),
            years=(2024, 2025),
            case=42,
            person="kari",
            date_from=datetime.date(2024, 1, 1),
            date_to=datetime.date(2025, 6, 30),
            page=3,
        ),
        STAFF,
    ),
    "search_filters_newest": (
        SearchQuery(topics=("skole",), sort="newest"),
        SUPERUSER,
    ),
    "search_anonymous": (SearchQuery(text="kantine"), ANONYMOUS),
    # Only a word to leave out: everything else, without it.
    "search_only_excluded": (SearchQuery(text="-pilot"), STAFF),
    # A stop word ("om") must not make the query find nothing; "barnehgae" may
    # be misspelt; "ord*" begins words; the quoted word is taken as typed.
    "search_stop_word_typo_prefix": (
        SearchQuery(text='møte om barnehgae ord* "budsjett"'),
        STAFF,
    ),
}


def test_relaxed_request_body_is_pinned():
    """Too few hits on all the words: at least two of three, more first."""
    body = build_search(
        SearchQuery(text="søknad barnehageplass frist"),
        STAFF,
        index="intranet-search",
        minimum=2,
    ).to_dict()

    assert_golden("search_relaxed", body)


def test_a_stop_word_is_left_out_of_the_query_as_if_not_typed():
    """Item 10: every clause must match, and a stop word analyses to nothing,
    so a query holding one found no page at all. Stop words are dropped when
    the query is read (``search.text.parse``), for every engine."""

    def text_query(text: str) -> dict:
        body = build_search(
            SearchQuery(text=text), STAFF, index="intranet-search"
        ).to_dict()
        return body["query"]["bool"]["must"][0]["function_score"]["query"]

    assert text_query("møte om budsjett") == text_query("møte budsjett")
    assert text_query("åpent på lørdag") == text_query("åpent lørdag")


@pytest.mark.parametrize("name", REQUESTS)
def test_request_bodies_are_pinned(name):
    query, access = REQUESTS[name]

    body = build_search(query, access, index="intranet-search").to_dict()

    assert_golden(name, body)


def test_indexed_document_source_is_pinned():
    document = make_document(
        id=5,
        title="Digitalt tilsyn",
        intro="Hjemmetjenesten prøver kamera.",
        body="Første avsnitt.\nAndre avsnitt.",
        content_type="case_update",
        unit="hjemmetjenesten",
        sector="helse",
        topics=["digitalisering"],
        tags=["Sensor"],
        themes=["innovation"],
        case_id=4,
        case_title="Digital hjemmetjeneste",
        people=["kari"],
        people_names=["Kari Nordmann"],
        restriction="groups",
        group_ids=[3],
        published=timezone.make_aware(datetime.datetime(2025, 2, 3, 9, 30)),
    )

    source = IndexedPage.from_document(document)

    assert source.meta.id == "5"
    assert_golden("document", source.to_dict())
