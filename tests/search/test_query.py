import datetime

import pytest
from django.http import QueryDict
from django.utils import translation

from search.query import MAX_PAGE, SearchQuery


def parse(querystring: str):
    with translation.override("nb"):
        return SearchQuery.parse(QueryDict(querystring))


def test_every_parameter_is_read():
    query, notices = parse(
        "q=barnehagene&type=news&type=case&unit=helse&topic=skole&theme=innovation"
        "&tag=Sensor&year=2024&case=12&person=kari&from=2024-01-01&to=2024-12-31"
        "&sort=newest&page=3"
    )

    assert notices == []
    assert query == SearchQuery(
        text="barnehagene",
        types=("case", "news"),
        units=("helse",),
        topics=("skole",),
        themes=("innovation",),
        tags=("sensor",),
        years=(2024,),
        case=12,
        person="kari",
        date_from=datetime.date(2024, 1, 1),
        date_to=datetime.date(2024, 12, 31),
        sort="newest",
        page=3,
    )


@pytest.mark.parametrize(
    "query",
    [
        SearchQuery(),
        SearchQuery(text='"digital hjemmetjeneste" -pilot', page=2),
        SearchQuery(
            text="æøå",
            types=("case_update",),
            units=("a", "b"),
            years=(2023, 2024),
            case=7,
            person="ola.nordmann",
            date_from=datetime.date(2024, 2, 29),
            sort="newest",
        ),
    ],
)
def test_get_parameters_and_json_round_trip(query):
    assert SearchQuery.from_querydict(query.to_querydict()) == query
    assert SearchQuery.from_querydict(QueryDict(query.urlencode())) == query
    assert SearchQuery.from_json(query.to_json()) == query


def test_defaults_are_left_out_of_the_url():
    assert SearchQuery().urlencode() == ""
    assert SearchQuery(text="skole", page=1).urlencode() == "q=skole"


def test_equal_searches_are_equal_whatever_the_parameter_order():
    assert parse("type=news&type=case&q=x") == parse("q=x&type=case&type=news")


@pytest.mark.parametrize(
    ("querystring", "expected", "notice"),
    [
        ("type=blog", SearchQuery(), "Ukjent innholdstype «blog»."),
        ("theme=speed", SearchQuery(), "Ukjent posisjoneringstema «speed»."),
        ("unit=<script>", SearchQuery(), "«<script>» er ikke en gyldig enhet."),
        ("year=20x4", SearchQuery(), "«20x4» er ikke et årstall."),
        ("case=-3", SearchQuery(), "«-3» er ikke en gyldig sak."),
        ("person=a b", SearchQuery(), "«a b» er ikke en gyldig person."),
        (
            "from=2024-13-01",
            SearchQuery(),
            "Fra-datoen «2024-13-01» er ikke en dato på formen ÅÅÅÅ-MM-DD.",
        ),
        (
            "to=31.12.2024",
            SearchQuery(),
            "Til-datoen «31.12.2024» er ikke en dato på formen ÅÅÅÅ-MM-DD.",
        ),
        ("sort=random", SearchQuery(), "Ukjent sortering «random»."),
        (
            "page=-1",
            SearchQuery(),
            "«-1» er ikke et sidetall; viser første side.",
        ),
        (
            "page=99999999999999999999",
            SearchQuery(page=MAX_PAGE),
            "Bare de første 500 sidene kan vises.",
        ),
    ],
)
def test_bad_values_are_dropped_with_a_norwegian_notice(querystring, expected, notice):
    query, notices = parse(querystring)

    assert query == expected
    assert notices == [notice]


def test_dates_in_the_wrong_order_are_swapped():
    query, notices = parse("from=2024-12-31&to=2024-01-01")

    assert (query.date_from, query.date_to) == (
        datetime.date(2024, 1, 1),
        datetime.date(2024, 12, 31),
    )
    assert notices == ["Fra- og til-datoene ble byttet om."]


def test_long_text_is_shortened_and_control_characters_removed():
    query, notices = parse("q=" + "a\x00b\x1f" + "x" * 10_000)

    assert query.text.startswith("a b x")
    assert len(query.text) == 200
    assert notices == ["Søketeksten ble forkortet til 200 tegn."]


def test_from_json_accepts_text_and_ignores_garbage():
    assert SearchQuery.from_json('{"q": "skole", "type": ["news"]}') == SearchQuery(
        text="skole", types=("news",)
    )
    assert SearchQuery.from_json("not json") == SearchQuery()
    assert SearchQuery.from_json('["a"]') == SearchQuery()
    assert SearchQuery.from_json({"page": {"x": 1}, "evil": 1}) == SearchQuery()


def test_toggling_and_removing_values_go_back_to_page_one():
    query = SearchQuery(text="x", types=("news",), person="kari", page=4)

    assert query.toggled("type", "case").types == ("case", "news")
    assert query.toggled("type", "news").types == ()
    assert query.without("type", "news") == SearchQuery(text="x", person="kari")
    assert query.without("person") == SearchQuery(text="x", types=("news",))


def test_a_query_is_frozen():
    with pytest.raises(AttributeError):
        SearchQuery().text = "x"


HUGE = "9" * 5000  # past Python's limit for int() of a string (4300 digits)


@pytest.mark.parametrize(
    ("querystring", "expected", "notice"),
    [
        (
            f"page={HUGE}",
            SearchQuery(page=MAX_PAGE),
            "Bare de første 500 sidene kan vises.",
        ),
        ("page=" + "0" * 5000 + "2", SearchQuery(page=2), None),
        (f"year={HUGE}", SearchQuery(), "er ikke et årstall."),
        (f"case={HUGE}", SearchQuery(), "er ikke en gyldig sak."),
    ],
)
def test_numbers_of_thousands_of_digits_are_bad_values_not_errors(
    querystring, expected, notice
):
    query, notices = parse(querystring)

    assert query == expected
    if notice:
        assert len(notices) == 1
        assert notice in notices[0]
    else:
        assert notices == []


def test_from_json_survives_numbers_of_thousands_of_digits():
    huge = int(HUGE[:4000]) * 10**1000

    assert SearchQuery.from_json({"page": huge, "q": "skole"}) == SearchQuery(
        text="skole"
    )
    assert SearchQuery.from_json({"year": [huge], "case": huge}) == SearchQuery()
    assert SearchQuery.from_json({"case": HUGE, "year": HUGE}) == SearchQuery()
    assert SearchQuery.from_json({"page": HUGE}) == SearchQuery(page=MAX_PAGE)
    assert SearchQuery.from_json('{"page": ' + HUGE + "}") == SearchQuery()


def test_query_text_is_nfc_without_soft_hyphens():
    query, _ = parse("q=bla%CC%8Abær+barne%C2%ADhage")

    assert query.text == "blåbær barnehage"
