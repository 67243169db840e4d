"""Synonyms: a search for an abbreviation finds pages that spell it out, and back."""

import re

import pytest
from django.utils.html import strip_tags

from search.models import SynonymGroup
from search.synonyms import build_table, expand, to_text
from search.text import parse

pytestmark = pytest.mark.django_db

HIT_RE = re.compile(r'<h3 class="search-hit__title"><a href="[^"]*">(.*?)</a></h3>')


def titles(client, text: str) -> list[str]:
    response = client.get("/sok/", {"q": text})
    assert response.status_code == 200
    return sorted(
        strip_tags(title) for title in HIT_RE.findall(response.content.decode())
    )


def ranked(client, text: str) -> list[str]:
    response = client.get("/sok/", {"q": text})
    return [strip_tags(title) for title in HIT_RE.findall(response.content.decode())]


@pytest.fixture
def pages(make_article):
    make_article("Påmelding til skolefritidsordningen", intro="Søk plass før 1. mai.")
    make_article("SFO-satser for 2026", intro="Nye priser fra høsten.")
    make_article("Henvisning til PPT", intro="Slik henviser skolen et barn.")
    make_article("Lønn og ferie", intro="Når kommer feriepengene?")


def test_without_synonyms_an_abbreviation_finds_only_itself(staff_client, pages):
    assert titles(staff_client, "SFO") == ["SFO-satser for 2026"]


def test_an_abbreviation_finds_its_long_form_and_the_long_form_the_abbreviation(
    staff_client, pages
):
    SynonymGroup.objects.create(terms="SFO\nskolefritidsordning")
    both = ["Påmelding til skolefritidsordningen", "SFO-satser for 2026"]

    assert titles(staff_client, "sfo") == both
    assert titles(staff_client, "skolefritidsordning") == both
    # The query box keeps what the person typed.
    response = staff_client.get("/sok/", {"q": "sfo"})
    assert 'value="sfo"' in response.content.decode()


def test_a_term_of_several_words_is_found_by_its_abbreviation_and_back(
    staff_client, pages, make_article
):
    make_article("Ny leder i pedagogisk-psykologisk tjeneste", intro="Velkommen.")
    SynonymGroup.objects.create(terms="PPT, pedagogisk-psykologisk tjeneste")
    both = ["Henvisning til PPT", "Ny leder i pedagogisk-psykologisk tjeneste"]

    assert titles(staff_client, "ppt") == both
    assert titles(staff_client, "pedagogisk psykologisk tjeneste") == both


def test_a_changed_group_is_used_at_the_next_search(staff_client, pages):
    group = SynonymGroup.objects.create(terms="SFO, skolefritidsordning")
    assert len(titles(staff_client, "sfo")) == 2

    group.terms = "SFO, fritidsklubb"
    group.save()
    assert titles(staff_client, "sfo") == ["SFO-satser for 2026"]

    group.delete()
    assert titles(staff_client, "skolefritidsordning") == [
        "Påmelding til skolefritidsordningen"
    ]


def test_other_words_of_the_query_must_still_match(staff_client, pages):
    SynonymGroup.objects.create(terms="SFO, skolefritidsordning")

    # The page with every word comes first; the others only as "some of
    # the words" below it.
    assert ranked(staff_client, "sfo påmelding")[0] == (
        "Påmelding til skolefritidsordningen"
    )
    assert titles(staff_client, "sfo -påmelding") == ["SFO-satser for 2026"]


def test_expansion_keeps_the_query_and_folds_letters():
    table = build_table(
        [["NAV", "Arbeids- og velferdsetaten"], ["KI", "kunstig intelligens"]]
    )

    expanded = expand(parse('nav "KI" -ferie'), table)

    # "KI" in quotes is asked for as typed, not widened.
    assert to_text(expanded) == 'nav OR "Arbeids og velferdsetaten" "KI" -"ferie"'
    assert to_text(expand(parse("nav KI"), table)) == (
        'nav OR "Arbeids og velferdsetaten" KI OR "kunstig intelligens"'
    )
    assert expand(parse("næringsliv"), table) == parse("næringsliv")
    assert parse(to_text(expanded)) == expanded


def test_a_large_group_adds_a_bounded_number_of_terms():
    table = build_table([[f"ord{number}" for number in range(50)]])

    expanded = expand(parse("ord1"), table)

    assert len(expanded.clauses[0]) == 1 + 8


@pytest.mark.parametrize(
    "text", ['sfo "', '"sfo', "sfo OR", "OR sfo", "-sfo", "sfo*", "😀 sfo", "sfo " * 60]
)
def test_hostile_queries_with_synonyms_never_fail(staff_client, pages, text):
    SynonymGroup.objects.create(terms="SFO, skolefritidsordning")

    response = staff_client.get("/sok/", {"q": text})

    assert response.status_code == 200


def test_a_quoted_phrase_asks_for_its_words_and_is_not_widened():
    table = build_table([["KI", "kunstig intelligens"]])

    assert expand(parse('"kunstig intelligens"'), table) == parse(
        '"kunstig intelligens"'
    )
    # Typed without quotes, the words still find the abbreviation.
    assert to_text(expand(parse("kunstig intelligens"), table)) == (
        '"kunstig intelligens" OR KI'
    )
