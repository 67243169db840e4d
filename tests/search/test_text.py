from search import text


def test_stems_join_norwegian_inflections():
    stems = {text.stem(word) for word in ["skole", "Skolen", "skolene", "SKOLENES"]}

    assert stems == {"skol"}


def test_queries_are_parsed_into_phrases_alternatives_and_exclusions():
    parsed = text.parse('skolene "digital hjemmetjeneste" OR velferd -pilot')

    assert parsed.clauses == (
        (text.Term(("skolene",)),),
        (text.Term(("digital", "hjemmetjeneste")), text.Term(("velferd",))),
    )
    assert parsed.excluded == (text.Term(("pilot",)),)


def test_engine_syntax_in_input_is_only_words():
    parsed = text.parse('title:x* AND (a OR "b NEAR(c) ) NOT -"')

    words = '("titl") AND ("x") AND ("a" OR "b near c not")'
    assert text.to_fts5(parsed) == (
        f"(({{title intro body extra}} : ({words})) OR "
        f"({{title_folded intro_folded body_folded extra_folded}} : ({words})))"
    )
    assert text.to_tsquery(parsed) == (
        "((('titl')) & (('x')) & (('a') | ('b' <-> 'near' <-> 'c' <-> 'not')))"
    )


def test_only_exclusions_or_punctuation_mean_no_text_search():
    assert not text.parse("-skole")
    assert not text.parse("*** ::: ((( ")
    assert text.to_fts5(text.parse("-skole")) == ""


def test_highlight_escapes_html_and_marks_matching_forms():
    stems = text.parse("skole").stems

    marked = text.highlight("<b>Skolene</b> & skolenes <i>x</i>", stems)

    assert marked == (
        "&lt;b&gt;<mark>Skolene</mark>&lt;/b&gt; &amp; <mark>skolenes</mark> "
        "&lt;i&gt;x&lt;/i&gt;"
    )


def test_snippet_is_a_window_around_the_first_match():
    body = (
        "Innledning. " * 40
        + "Her står det om barnehagene i kommunen. "
        + "Slutt. " * 40
    )

    snippet = text.snippet(body, text.parse("barnehage").stems)

    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert "<mark>barnehagene</mark>" in snippet
    assert len(snippet) < 260
