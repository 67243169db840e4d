"""The composer's text and the page body: what is typed is what is stored."""

import re

import pytest

from intranet.core.blocks import StoryBodyBlock
from intranet.core.markup import body_from_text, composer_can_edit, text_from_body


def _stream(pairs):
    return StoryBodyBlock().to_python(
        [{"type": kind, "value": value} for kind, value in pairs]
    )


def test_paragraphs_lists_and_emphasis_become_one_rich_text_block():
    [(kind, html)] = body_from_text(
        "Første avsnitt med **fet** og *kursiv*.\nNy linje.\n\n- en\n- to\n\n1. a\n2. b"
    )

    assert kind == "paragraph"
    assert "<b>fet</b>" in html and "<i>kursiv</i>" in html
    assert "<br/>" in html
    assert "<ul>" in html and "<ol>" in html


def test_a_subheading_becomes_a_heading_block():
    blocks = body_from_text("Innledning.\n\n## Hva skjer nå\n\nMer tekst.")

    assert [kind for kind, _value in blocks] == ["paragraph", "heading", "paragraph"]
    assert blocks[1][1] == {"text": "Hva skjer nå", "level": "h2"}


@pytest.mark.parametrize(
    "typed",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klikk](javascript:alert(1))",
        '<a href="javascript:alert(1)">klikk</a>',
    ],
)
def test_html_and_dangerous_links_are_never_interpreted(typed):
    [(_kind, html)] = body_from_text(typed)

    # Shown as the characters typed, never as markup or a working link.
    assert "<script" not in html and "<img" not in html and "<a " not in html


def test_links_keep_their_address():
    [(_kind, html)] = body_from_text("Les [rapporten](https://kommune.no/rapport).")

    assert '<a href="https://kommune.no/rapport">rapporten</a>' in html


def test_empty_text_is_an_empty_body():
    assert body_from_text("") == []
    assert body_from_text("   \n\n  ") == []


@pytest.mark.parametrize(
    "typed",
    [
        "Et avsnitt.",
        "Linje én\nLinje to",
        "**Fet** og *kursiv* og [lenke](https://nav.no)",
        "- en\n- to\n\n1. tre\n2. fire",
        "Innledning\n\n## Overskrift\n\nTekst\n\n### Liten overskrift\n\nMer",
        "Teksten <b>viser</b> tegn som < og > og &.",
    ],
)
def test_text_survives_a_round_trip_through_the_body(typed):
    once = text_from_body(_stream(body_from_text(typed)))
    twice = text_from_body(_stream(body_from_text(once)))

    assert once == twice
    assert _rendered(body_from_text(once)) == _rendered(body_from_text(typed))


def _rendered(pairs) -> str:
    """The body as readers see it (block keys are random per conversion)."""
    return re.sub(r' data-block-key="\w+"', "", str(_stream(pairs).render_as_block()))


def test_a_body_with_a_quote_or_a_page_link_is_left_to_the_full_editor():
    quote = _stream([("quote", {"text": "Sitat", "attribution": ""})])
    page_link = _stream([("paragraph", '<p><a linktype="page" id="3">Side</a></p>')])
    plain = _stream([("paragraph", "<p>Tekst</p>")])

    assert not composer_can_edit(quote)
    assert not composer_can_edit(page_link)
    assert composer_can_edit(plain)
