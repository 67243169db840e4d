"""Compounds: a part finds the whole, the whole ranks first, and the stemmer
does not cut a compound down to an unrelated short word.

The parts come from a lexicon (wordfreq's Norwegian), not from a list typed
here; they are indexed beside the folded stems, which weigh less than the
exact ones, on every engine.
"""

from search import text
from search.backends.elasticsearch import index_definition
from search.query import SearchQuery
from tests.factories.search import make_document


def ids(results) -> list[int]:
    return [hit.document.id for hit in results.hits]


def test_a_compound_is_split_into_its_parts_with_linking_letters():
    assert text.compound_parts("matavfallet") == ("mat", "avfall")
    assert "parkering" in text.compound_parts("beboerparkeringen")
    # -s- and -e- between the parts.
    assert text.compound_parts("søknadsfristen") == ("soknad", "frist")
    assert set(text.compound_parts("eiendomsskattetaksten")) >= {"eiendom", "takst"}


def test_common_words_are_not_read_as_compounds():
    # "parkering" is no "park" + "ring", nor "stilling" "stil" + "ling".
    assert text.compound_parts("parkering") == ()
    assert text.compound_parts("stillingen") == ()
    assert text.compound_parts("kommunen") == ()


def test_the_stemmer_does_not_cut_a_compound_down_to_its_first_part():
    # Snowball's last step strips "-leg" and "-lov" as if they were endings.
    assert text.snowball("fastlege") == "fastleg" != text._stemmer.stemWord("fastlege")
    assert text.stem("fastlege") != text.stem("fast")
    assert (
        len({text.stem(word) for word in ["fastlege", "fastlegen", "fastleger"]}) == 1
    )
    assert text.stem("opplæringslova") == text.stem("opplæringsloven")
    assert text.stem("opplæringsloven") != text.stem("opplæring")
    # Real derivations stay as Snowball has them.
    assert text.stem("vennlig") == text.stem("vennlige")


def test_a_compound_the_lexicon_lacks_stems_as_its_last_part():
    assert text.stem("skolesykepleierne") == text.stem("skolesykepleier")


def test_a_part_finds_the_whole_and_the_whole_ranks_first(backend, put, staff_user):
    put(
        make_document(id=1, title="Matavfallet hentes annenhver uke"),
        make_document(id=2, title="Avfall og gjenvinning"),
        make_document(id=3, title="Kantinen holder stengt i påsken"),
    )

    assert ids(backend.search(SearchQuery(text="avfall"), staff_user)) == [2, 1]
    assert ids(backend.search(SearchQuery(text="matavfall"), staff_user)) == [1]


def test_the_part_is_marked_in_the_whole():
    marked = text.highlight("Matavfallet hentes", text.parse("avfall").stems)

    assert marked == "<mark>Matavfallet</mark> hentes"


def test_parking_finds_residents_parking(backend, put, staff_user):
    put(
        make_document(id=1, title="Søk om beboerparkeringen i sentrum"),
        make_document(id=2, title="Kantinen holder stengt i påsken"),
    )

    assert ids(backend.search(SearchQuery(text="parkering"), staff_user)) == [1]


def test_a_profession_does_not_find_a_permanent_position(backend, put, staff_user):
    put(
        make_document(id=1, title="Fast stilling som renholder ved rådhuset"),
        make_document(id=2, title="Ny fastlege på legekontoret"),
    )

    assert ids(backend.search(SearchQuery(text="fastlegen"), staff_user)) == [2]
    assert ids(backend.search(SearchQuery(text="fast"), staff_user)) == [1]


def test_elasticsearch_splits_and_corrects_with_the_same_lexicon():
    settings = index_definition("intranet-search-test").to_dict()["settings"]
    filters = settings["analysis"]["filter"]

    compounds = filters["norwegian_compounds"]
    assert compounds["type"] == "dictionary_decompounder"
    assert {"avfall", "parkering", "mat"} <= set(compounds["word_list"])
    assert compounds["word_list"] == list(text.compound_parts_lexicon(folded=True))
    exact = filters["norwegian_lemmas"]["rules"]
    assert "sykepleierne => sykeplei" in exact
    assert "fastlegen => fastleg" in exact
    assert "lærerne => lær" in exact
    folded = filters["norwegian_folded_lemmas"]["rules"]
    assert "laererne => laer" in folded
    analyzers = settings["analysis"]["analyzer"]
    # Parts only in the folded field, which weighs less: the whole ranks first.
    assert "norwegian_compounds" in analyzers["norwegian_folded"]["filter"]
    assert "norwegian_compounds" not in analyzers["norwegian_text"]["filter"]


def test_the_parts_typed_apart_find_the_compound(backend, put, staff_user):
    # "parkering for beboere": each word meets a part of "beboerparkeringen".
    put(
        make_document(id=1, title="Søk om beboerparkeringen i sentrum"),
        make_document(id=2, title="Parkering ved rådhuset er stengt"),
        make_document(id=3, title="Nye beboere i omsorgsboligene"),
    )

    found = ids(backend.search(SearchQuery(text="parkering for beboere"), staff_user))

    # The only page with both words comes first; with so few hits the search
    # also offers pages with one of them, after it.
    assert found[0] == 1
    assert sorted(found[1:]) == [2, 3]
