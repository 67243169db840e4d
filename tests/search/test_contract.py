"""One contract for every search engine (database always; Elasticsearch when up)."""

import datetime

import pytest
from django.utils import timezone

from search.query import SearchQuery
from tests.factories.search import make_document

FILLER = (
    "Kommunen informerer om arbeidet i enhetene. Ansatte deler erfaringer "
    "og oppdateringer fra hverdagen."
)


def day(year: int, month: int = 6, date: int = 1) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, date, 12, 0))


def ids(results) -> list[int]:
    return [hit.document.id for hit in results.hits]


def test_a_title_match_ranks_above_a_body_match(backend, put, staff_user):
    put(
        make_document(id=1, title="Nytt fra rådhuset", body=f"{FILLER} Skolene."),
        make_document(id=2, title="Skolene får nye lesesaler", body=FILLER),
        *[make_document(title=f"Melding {n}", body=FILLER) for n in range(5)],
    )

    results = backend.search(SearchQuery(text="skolene"), staff_user)

    assert ids(results) == [2, 1]


@pytest.mark.parametrize("typed", ["skole", "skolen", "skolene", "skolenes"])
def test_norwegian_inflections_find_each_other(backend, put, staff_user, typed):
    put(
        make_document(id=11, title="Ny skole i sentrum"),
        make_document(id=12, title="Skolen åpner i august"),
        make_document(id=13, title="Skolene får nye bøker"),
        make_document(id=14, title="Skolenes økonomi er god"),
        make_document(id=15, title="Barnehagene holder åpent"),
    )

    results = backend.search(SearchQuery(text=typed), staff_user)

    assert sorted(ids(results)) == [11, 12, 13, 14]


def test_the_header_examples_find_their_pages(backend, put, staff_user):
    put(
        make_document(id=21, title="Ny barnehage på Frogner", body=FILLER),
        make_document(
            id=22,
            title="Tilsyn med kamera",
            intro="Digitale hjemmetjenester prøves ut i tre soner.",
        ),
        make_document(id=23, title="Budsjettet for neste år", body=FILLER),
    )

    kindergartens = backend.search(SearchQuery(text="barnehagene"), staff_user)
    home_care = backend.search(SearchQuery(text="digital hjemmetjeneste"), staff_user)

    assert ids(kindergartens) == [21]
    assert ids(home_care) == [22]


def test_words_with_ae_oe_aa_are_found_in_any_case_and_form(backend, put, staff_user):
    put(
        make_document(id=31, title="Søknadsfrist for tilskudd", body="Søknadene"),
        make_document(id=32, title="Økonomien i Sørum kommune"),
        make_document(id=33, title="Blåbærtur for ansatte", body="Ærlig talt"),
        make_document(id=34, title="Helt annet tema", body=FILLER),
    )

    assert ids(backend.search(SearchQuery(text="søknadene"), staff_user)) == [31]
    assert ids(backend.search(SearchQuery(text="ØKONOMI"), staff_user)) == [32]
    assert ids(backend.search(SearchQuery(text="sørum"), staff_user)) == [32]
    assert ids(backend.search(SearchQuery(text="blåbærtur"), staff_user)) == [33]
    assert ids(backend.search(SearchQuery(text="ærlig"), staff_user)) == [33]


def test_phrases_alternatives_and_exclusions(backend, put, staff_user):
    put(
        make_document(id=41, title="Digital hjemmetjeneste i sone nord"),
        make_document(id=42, title="Hjemmetjeneste med digital journal"),
        make_document(id=43, title="Barnehage med digital tavle"),
    )

    def found(typed: str) -> list[int]:
        return sorted(ids(backend.search(SearchQuery(text=typed), staff_user)))

    assert found('"digital hjemmetjeneste"') == [41]
    both = backend.search(SearchQuery(text="digital hjemmetjeneste"), staff_user)
    assert sorted(ids(both)[:2]) == [41, 42]
    # Fewer than three pages hold both words: a page with one of them follows.
    assert ids(both)[2:] == [43]
    assert both.relaxed
    assert found("hjemmetjeneste OR barnehage") == [41, 42, 43]
    assert found("digital -barnehage") == [41, 42]


def mixed_corpus():
    """Twelve documents over types, units, topics, themes and years."""
    documents = []
    kinds = ["news", "case", "case_update"]
    units = [("skole-a", "oppvekst"), ("barnehage-b", "oppvekst"), ("hjemme", "helse")]
    for n in range(12):
        unit, sector = units[n % 3]
        documents.append(
            make_document(
                id=100 + n,
                title=f"Prosjekt nummer {n}",
                body=FILLER,
                content_type=kinds[n % 3],
                unit=unit,
                sector=sector,
                topics=["digitalisering"] if n % 2 else ["digitalisering", "skole"],
                themes=["innovation"] if n % 4 == 0 else [],
                published=day(2023 + n % 2, 3, 1 + n),
            )
        )
    return documents


FACET_FIELDS = {
    "type": "types",
    "unit": "units",
    "topic": "topics",
    "theme": "themes",
    "year": "years",
}


@pytest.mark.parametrize(
    "query",
    [
        SearchQuery(text="prosjekt"),
        SearchQuery(text="prosjekt", units=("oppvekst",)),
        SearchQuery(types=("news", "case"), topics=("skole",)),
        SearchQuery(text="prosjekt", years=(2023,), themes=("innovation",)),
    ],
    ids=["text", "sector", "types-and-topic", "year-and-theme"],
)
def test_facet_counts_equal_the_hits_when_that_value_is_chosen(
    backend, put, staff_user, query
):
    put(*mixed_corpus())

    results = backend.search(query, staff_user)

    assert results.total > 0
    checked = 0
    for facet, counts in results.facets.items():
        for item in counts:
            value = int(item.value) if facet == "year" else item.value
            narrowed = query.replace(**{FACET_FIELDS[facet]: (value,)})
            assert backend.search(narrowed, staff_user).total == item.count, (
                facet,
                item.value,
            )
            checked += 1
    assert checked >= 8


def test_filters_are_or_within_a_facet_and_and_across_facets(backend, put, staff_user):
    put(*mixed_corpus())

    def total(**filters) -> int:
        return backend.search(SearchQuery(**filters), staff_user).total

    assert total(types=("news",)) == 4
    assert total(types=("news", "case")) == 8
    assert total(units=("oppvekst",)) == 8
    assert total(units=("skole-a",)) == 4
    assert total(types=("news",), units=("skole-a",)) == 4
    assert total(types=("case",), units=("skole-a",)) == 0
    assert total(types=("news", "case"), topics=("skole",), years=(2023,)) == 4
    assert total(themes=("innovation",), years=(2024,)) == 0


def test_tag_person_case_and_date_filters(backend, put, staff_user):
    put(
        make_document(
            id=51, title="A", tags=["Velferdsteknologi"], published=day(2024, 1, 10)
        ),
        make_document(id=52, title="B", people=["kari"], published=day(2024, 2, 10)),
        make_document(id=53, title="C", case_id=900, published=day(2024, 3, 10)),
        make_document(id=54, title="D", published=day(2024, 4, 10)),
    )

    def found(**filters) -> list[int]:
        return sorted(ids(backend.search(SearchQuery(**filters), staff_user)))

    assert found(tags=("velferdsteknologi",)) == [51]
    assert found(person="kari") == [52]
    assert found(case=900) == [53]
    assert found(
        date_from=datetime.date(2024, 2, 10), date_to=datetime.date(2024, 3, 10)
    ) == [52, 53]


def test_group_restricted_documents_only_reach_their_groups(
    backend,
    put,
    staff_user,
    communication_user,
    communication_group,
    superuser,
    anonymous,
):
    put(
        make_document(id=61, title="Lønnsoppgjøret", restriction="none"),
        make_document(id=62, title="Lønnsoppgjøret internt", restriction="login"),
        make_document(
            id=63,
            title="Lønnsoppgjøret strategi",
            restriction="groups",
            group_ids=[communication_group.pk],
        ),
    )
    query = SearchQuery(text="lønnsoppgjøret")

    def found(user) -> list[int]:
        results = backend.search(query, user)
        assert results.total == len(results.hits)
        assert sum(item.count for item in results.facets["type"]) == results.total
        return sorted(ids(results))

    assert found(staff_user) == [61, 62]
    assert found(communication_user) == [61, 62, 63]
    assert found(superuser) == [61, 62, 63]
    assert found(anonymous) == [61]


def test_removed_documents_are_never_returned(backend, put, staff_user):
    put(make_document(id=71, title="Avlyst møte"), make_document(id=72, title="Møte"))

    backend.remove([71, 999_999])
    backend.refresh()

    assert ids(backend.search(SearchQuery(text="møte"), staff_user)) == [72]


def test_indexing_again_replaces_the_document(backend, put, staff_user):
    put(make_document(id=81, title="Gammel tittel"))
    put(make_document(id=81, title="Ny overskrift"))

    assert backend.search(SearchQuery(text="gammel"), staff_user).total == 0
    assert ids(backend.search(SearchQuery(text="overskrift"), staff_user)) == [81]


def test_pagination_is_stable_and_complete(backend, put, staff_user):
    put(*[make_document(id=200 + n, title="Likt møte", body=FILLER) for n in range(45)])

    def page(number: int, sort: str) -> list[int]:
        query = SearchQuery(text="møte", page=number, sort=sort)
        return ids(backend.search(query, staff_user))

    for sort in ("relevance", "newest"):
        pages = [page(1, sort), page(2, sort), page(3, sort)]
        assert [len(hits) for hits in pages] == [20, 20, 5]
        seen = [page_id for hits in pages for page_id in hits]
        assert sorted(seen) == list(range(200, 245))
        assert page(2, sort) == pages[1]
    assert page(4, "relevance") == []


def test_newest_sort_orders_by_date(backend, put, staff_user):
    put(
        make_document(id=91, title="Møte i mars", published=day(2024, 3)),
        make_document(id=92, title="Møte i mai", published=day(2024, 5)),
        make_document(id=93, title="Møte i april", published=day(2024, 4)),
    )

    results = backend.search(SearchQuery(text="møte", sort="newest"), staff_user)

    assert ids(results) == [92, 93, 91]


def test_highlights_mark_matches_and_never_let_content_html_through(
    backend, put, staff_user
):
    put(
        make_document(
            id=95,
            title="<script>alert(1)</script> Skolene",
            intro="Om <b>skolen</b> & annet",
            body="Lang tekst om skolen <img src=x onerror=alert(1)>.",
        )
    )

    (hit,) = backend.search(SearchQuery(text="skole"), staff_user).hits

    assert "<script>" not in hit.title_html
    assert "&lt;script&gt;" in hit.title_html
    assert "<mark>Skolene</mark>" in hit.title_html
    assert "<mark>" in hit.snippet_html
    assert "<img" not in hit.snippet_html
    assert "<b>" not in hit.snippet_html


def test_rebuild_replaces_the_whole_index(backend, put, staff_user):
    put(make_document(id=301, title="Foreldet sak"))

    written = backend.rebuild(
        [make_document(id=302, title="Ferskt vedtak")], progress=None
    )
    backend.refresh()

    assert written == 1
    assert backend.count() == 1
    assert backend.search(SearchQuery(text="foreldet"), staff_user).total == 0
    assert ids(backend.search(SearchQuery(text="vedtak"), staff_user)) == [302]


def test_documents_round_trip_through_the_index(backend, put, staff_user):
    original = make_document(
        id=401,
        title="Fullt dokument",
        intro="Ingress",
        body="Brødtekst",
        content_type="case_update",
        unit="hjemme",
        sector="helse",
        topics=["digitalisering"],
        tags=["Sensor"],
        themes=["competence"],
        case_id=400,
        case_title="Saken",
        people=["kari"],
        people_names=["Kari Nordmann"],
        published=day(2024, 2, 3),
    )
    put(original)

    (hit,) = backend.search(SearchQuery(text="fullt"), staff_user).hits

    assert hit.document == original


def test_facet_counts_never_count_what_the_user_may_not_see(
    backend, put, staff_user, communication_group, anonymous
):
    put(
        make_document(id=501, title="Åpen", topics=["a", "b"]),
        make_document(id=502, title="Intern", topics=["a", "b"], restriction="login"),
        make_document(
            id=503,
            title="Lukket",
            topics=["a", "b"],
            themes=["innovation"],
            restriction="groups",
            group_ids=[communication_group.pk],
        ),
    )

    for user, expected in ((staff_user, 2), (anonymous, 1)):
        results = backend.search(SearchQuery(topics=("a",)), user)
        topics = {item.value: item.count for item in results.facets["topic"]}
        assert results.total == expected
        assert topics == {"a": expected, "b": expected}
        assert results.facets["theme"] == []
