"""A word on a great many pages: the newest of them are ranked and counted
(a bounded cost, like Elasticsearch's track_total_hits), and the page says so."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from search.backends import database as database_module
from search.backends.database import DatabaseBackend
from search.query import SearchQuery
from tests.factories.search import make_document

pytestmark = pytest.mark.django_db


def day(year: int, month: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, 1, 12, 0))


@pytest.fixture
def plowing(db, monkeypatch):
    """Eight pages about snow clearing, one a month in 2025, and one from
    2019; at most five are searched at once here."""
    monkeypatch.setattr(database_module, "MANY_HITS", 5)
    backend = DatabaseBackend()
    backend.index(
        [
            make_document(
                id=100 + month,
                title=f"Brøyting i {month}. måned",
                published=day(2025, month),
                unit="veg" if month % 2 else "park",
            )
            for month in range(1, 9)
        ]
        + [make_document(id=99, title="Gammel brøyting", published=day(2019, 1))]
    )
    return backend


def test_the_newest_are_searched_and_counted(plowing, staff_user):
    results = plowing.search(SearchQuery(text="brøyting"), staff_user)

    assert results.capped == 5
    assert results.total == 5
    assert sorted(hit.document.id for hit in results.hits) == [104, 105, 106, 107, 108]
    units = {facet.value: facet.count for facet in results.facets["unit"]}
    assert units == {"park": 3, "veg": 2}


def test_a_filter_narrows_within_the_newest(plowing, staff_user):
    results = plowing.search(SearchQuery(text="brøyting", units=["veg"]), staff_user)

    assert results.capped == 5
    assert sorted(hit.document.id for hit in results.hits) == [105, 107]


def test_dates_reach_the_older_pages(plowing, staff_user):
    results = plowing.search(
        SearchQuery(text="brøyting", date_to=datetime.date(2020, 1, 1)), staff_user
    )

    assert results.capped == 0
    assert [hit.document.id for hit in results.hits] == [99]


def test_a_search_with_fewer_hits_counts_them_all(plowing, staff_user):
    results = plowing.search(SearchQuery(text="gammel"), staff_user)

    assert results.capped == 0 and results.total == 1


def test_the_page_says_only_the_newest_are_searched(plowing, staff_client):
    response = staff_client.get("/sok/", {"q": "brøyting"})

    assert response.context["results"].capped == 5
    assert (
        "Mer enn 5 treff: de 5 nyeste er søkt i og telt." in response.content.decode()
    )


def test_a_misspelled_word_with_many_hits_is_bounded_the_same_way(plowing, staff_user):
    """A typo finds nothing, its better spelling finds more than the bound:
    the newest of those are searched and counted, as for the word itself."""
    results = plowing.search(SearchQuery(text="brøytnig"), staff_user)

    assert results.corrected == "brøyting"
    assert results.capped == 5
    assert results.total == 5
    assert sorted(hit.document.id for hit in results.hits) == [104, 105, 106, 107, 108]


def test_looking_up_spellings_leaves_the_query_planner_as_configured(
    plowing, staff_user
):
    """On PostgreSQL the few-hits count reads the text index with sequential
    scans off for that one query; every later query is planned as before."""
    from django.db import connection

    plowing.search(SearchQuery(text="brøytnig"), staff_user)

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "on"


@pytest.mark.parametrize(
    "walk_ratio", [0, 10**9], ids=["walked newest first", "from the text index"]
)
def test_both_ways_to_the_newest_matches_find_the_same(
    plowing, staff_user, monkeypatch, walk_ratio
):
    """PostgreSQL walks the entries newest first when a word is common and
    takes the matches from the text index when it is rare: the same hits."""
    monkeypatch.setattr(database_module, "WALK_RATIO", walk_ratio)

    results = plowing.search(SearchQuery(text="brøyting", units=["veg"]), staff_user)

    assert results.capped == 5
    assert sorted(hit.document.id for hit in results.hits) == [105, 107]


@pytest.fixture
def varied(db, monkeypatch):
    """Twelve pages on school meals, of two kinds, units in two sectors, two
    years, topics and themes; at most eight are searched at once here."""
    monkeypatch.setattr(database_module, "MANY_HITS", 8)
    backend = DatabaseBackend()
    backend.index(
        [
            make_document(
                id=200 + n,
                title=f"Skolemat del {n}",
                content_type="news" if n % 3 else "case_update",
                published=day(2024 + n % 2, 1 + n),
                unit=("helsestasjon", "barnehage", "skole")[n % 3],
                sector="oppvekst" if n % 3 else "helse",
                topics=["mat"] if n % 2 else ["mat", "skole"],
                themes=["innovasjon"] if n % 4 == 0 else [],
            )
            for n in range(12)
        ]
    )
    return backend


@pytest.mark.parametrize(
    "walk_ratio", [0, 10**9], ids=["walked newest first", "from the text index"]
)
def test_each_count_of_the_newest_is_what_choosing_it_finds(
    varied, staff_user, monkeypatch, walk_ratio
):
    """The counts beside a search of very many matches are counted from the
    newest as they are read: each value's count is the number of hits a
    person gets by choosing it, in every facet."""
    monkeypatch.setattr(database_module, "WALK_RATIO", walk_ratio)
    results = varied.search(SearchQuery(text="skolemat"), staff_user)
    assert results.capped == 8 and results.total == 8

    chosen = {
        "type": "types",
        "unit": "units",
        "topic": "topics",
        "theme": "themes",
        "year": "years",
    }
    counted = {
        facet: {value.value: value.count for value in values}
        for facet, values in results.facets.items()
    }
    assert (
        counted["unit"]["oppvekst"]
        == counted["unit"]["barnehage"] + counted["unit"]["skole"]
    )
    assert counted["topic"] == {"mat": 8, "skole": 2}
    for facet, values in counted.items():
        for value, count in values.items():
            typed = int(value) if facet == "year" else value
            narrowed = varied.search(
                SearchQuery(text="skolemat", **{chosen[facet]: [typed]}), staff_user
            )
            assert narrowed.total == count, (facet, value)


@pytest.fixture
def ferries(db, monkeypatch):
    """Nine pages that name the ferry, two of them in the title; at most six
    are searched at once here."""
    monkeypatch.setattr(database_module, "MANY_HITS", 6)
    backend = DatabaseBackend()
    backend.index(
        [
            make_document(
                id=300 + n,
                title="Ferja får ny rute" if n in (3, 6) else f"Nytt fra havna {n}",
                body="Ferja går som før." if n not in (3, 6) else "",
                published=day(2025, 1 + n),
            )
            for n in range(9)
        ]
    )
    return backend


@pytest.mark.parametrize("page", [1, 2, 3])
def test_the_newest_are_ranked_best_first_on_every_page(
    ferries, staff_user, monkeypatch, page
):
    """The newest of many matches are ranked as they were read (PostgreSQL
    scores them on its walk): the same hits, scores and order, page by page,
    as ranking them again in a query of their own."""
    # Walked newest first, as PostgreSQL walks for a common word.
    monkeypatch.setattr(database_module, "WALK_RATIO", 0)
    query = SearchQuery(text="ferja", page=page)
    results = ferries.search(query, staff_user, per_page=2)
    monkeypatch.setattr(
        DatabaseBackend, "_window_of_newest", staticmethod(lambda *args: None)
    )
    cache.clear()  # not the kept answer: searched again
    again = ferries.search(query, staff_user, per_page=2)

    assert results.capped == 6
    shown = [(hit.document.id, round(hit.score, 6)) for hit in results.hits]
    assert shown == [(hit.document.id, round(hit.score, 6)) for hit in again.hits]
    assert len(shown) == 2
    if page == 1:
        # The title that names it first, of the six newest (303 is older).
        assert shown[0][0] == 306
