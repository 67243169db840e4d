"""Agent nouns meet in all their forms: "sykepleier" finds "sykepleierne".

Snowball's Norwegian stemmer leaves the forms of the -er nouns apart
("sykeplei", "sykepleier", "sykepleiern"); ``search.text`` brings them to their
base form first, where the lexicon (wordfreq's Norwegian) has the whole
paradigm. The nouns tested are generated from that lexicon, not typed.
"""

import pytest

from search import text
from search.query import SearchQuery
from tests.factories.search import make_document

AGENT_FORMS = ("", "en", "ne", "e", "s", "ens", "nes")


def common(words, count: int) -> list[str]:
    lexicon = text.lexicon()
    return sorted(words, key=lambda word: (-lexicon[word], word))[:count]


def agent_nouns(count: int) -> list[str]:
    """The most common nouns in -er whose definite singular, definite plural
    and indefinite plural (-eren, -erne, -ere) are all in the lexicon, none of
    them far more common than the others (then it is another word: "moderne"
    is no form of "moder")."""
    lexicon = text.lexicon()

    def paradigm(word: str) -> list[float] | None:
        forms = [word + ending for ending in ("", "en", "ne", "e")]
        if not all(form in lexicon for form in forms):
            return None
        return [lexicon[form] for form in forms]

    return common(
        (
            word
            for word in lexicon
            if word.endswith("er")
            and len(word) >= 5
            and (zipfs := paradigm(word))
            and max(zipfs) - sorted(zipfs)[-2] <= text.AGENT_FORM_MARGIN
        ),
        count,
    )


def regular_nouns(count: int) -> list[str]:
    """The most common nouns with the regular masculine paradigm in the
    lexicon (bil, bilen, biler, bilene)."""
    lexicon = text.lexicon()
    return common(
        (
            word
            for word in lexicon
            if len(word) >= 4
            and not word.endswith(("e", "er"))
            and all(word + ending in lexicon for ending in ("en", "er", "ene"))
        ),
        count,
    )


def test_every_form_of_the_250_most_common_agent_nouns_shares_one_stem():
    nouns = agent_nouns(250)
    assert len(nouns) == 250
    assert {"lærer", "sykepleier", "innbygger", "leder", "bruker"} <= set(nouns)

    apart = {
        noun: {noun + ending: text.stem(noun + ending) for ending in AGENT_FORMS}
        for noun in nouns
        if len({text.stem(noun + ending) for ending in AGENT_FORMS}) > 1
    }

    assert apart == {}


def test_the_folded_forms_of_agent_nouns_meet_too():
    nouns = [noun for noun in agent_nouns(250) if not noun.isascii()]
    assert len(nouns) >= 20

    apart = [
        noun
        for noun in nouns
        if len({text.folded_stem(noun + ending) for ending in AGENT_FORMS}) > 1
    ]

    assert apart == []


def test_the_200_most_common_regular_nouns_meet_wherever_snowball_joins_them():
    nouns = regular_nouns(200)
    assert len(nouns) == 200
    endings = ("", "en", "er", "ene")

    joined = [
        noun
        for noun in nouns
        if len({text.snowball(noun + ending) for ending in endings}) == 1
    ]
    apart = [
        noun
        for noun in joined
        if len({text.stem(noun + ending) for ending in endings}) > 1
    ]

    assert len(joined) >= 180
    assert apart == []


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("moderne", "moder"),  # an adjective, not a form of "moder"
        ("registrere", "registrer"),  # a verb in -ere is no agent noun
    ],
)
def test_words_that_only_look_like_agent_nouns_are_left_alone(word, other):
    assert text.stem(word) == text.snowball(word)
    assert text.stem(word) != text.stem(other) or word == "registrere"


def ids(results) -> list[int]:
    return [hit.document.id for hit in results.hits]


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("sykepleier", "Sykepleierne i hjemmetjenesten får ny turnus"),
        ("sykepleierne", "Vi søker sykepleier til sykehjemmet"),
        ("innbygger", "Innbyggerne inviteres til folkemøte"),
        ("lærer", "Lærerne samles til planleggingsdag"),
        ("lærerne", "Ny lærer ved Sørum skole"),
        ("saksbehandlere", "Saksbehandleren svarer innen tre uker"),
    ],
)
def test_any_form_of_an_agent_noun_finds_the_others(
    backend, put, staff_user, typed, title
):
    put(
        make_document(id=1, title=title),
        make_document(id=2, title="Kantinen holder stengt i påsken"),
    )

    assert ids(backend.search(SearchQuery(text=typed), staff_user)) == [1]
