"""A story's text as a person types it on a phone, and as the page stores it.

The composer offers one plain text field with a light, forgiving markup
(Markdown: a blank line starts a paragraph, `**fet**`, `*kursiv*`, `- punkt`,
`1. punkt`, `## Overskrift`, `[tekst](https://…)`; a single line break stays
a line break). It is stored as the page's ordinary StreamField body, so the
Wagtail editor opens and saves it like anything written there:

* a `#`/`##` heading becomes a heading block (level 2);
* everything between headings becomes one paragraph block, whose rich text
  is passed through the same converter the Wagtail editor uses on save, so it
  holds exactly the elements the paragraph block allows (`###` and `####`
  stay inside it as small headings; anything else — raw HTML, pictures, code —
  is kept as plain text or dropped).

Going back, a body made only of headings and paragraphs without internal page
or document links is turned into the same markup for editing; anything richer
(a quote, a fact box, a link to a page) is edited in the Wagtail editor, so
nothing is lost by a round trip through the composer.
"""

from __future__ import annotations

import re
from functools import cache

import mistune
from bs4 import BeautifulSoup
from markdownify import markdownify
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from intranet.core.blocks import RICH_TEXT_FEATURES
from intranet.core.plain_language import text_from_html

#: Block types the composer's text can hold; the rest needs the full editor.
COMPOSER_BLOCK_TYPES = frozenset({"heading", "paragraph"})

_STREAM_HEADINGS = {"h1", "h2"}


@cache
def _markdown() -> mistune.Markdown:
    # escape=True: what looks like HTML is shown as typed, never interpreted.
    return mistune.create_markdown(escape=True, hard_wrap=True, plugins=["url"])


@cache
def _rich_text() -> ContentstateConverter:
    return ContentstateConverter(features=RICH_TEXT_FEATURES)


def _as_stored_rich_text(html: str) -> str:
    """`html` as the Wagtail editor would store it in a paragraph block."""
    converter = _rich_text()
    return converter.to_database_format(converter.from_database_format(html))


def _has_text(html: str) -> bool:
    return bool(BeautifulSoup(html, "html.parser").get_text(strip=True))


def body_from_text(text: str) -> list[tuple[str, object]]:
    """The StreamField value (as (block type, value) pairs) for composer text."""
    soup = BeautifulSoup(_markdown()(text or ""), "html.parser")
    # mistune replaces unsafe link targets (javascript: and the like) with
    # this marker; keep the words, drop the link.
    for link in soup.select('a[href="#harmful-link"]'):
        link.unwrap()
    blocks: list[tuple[str, object]] = []
    pending: list[str] = []

    def flush() -> None:
        html = "".join(pending).strip()
        pending.clear()
        if html:
            stored = _as_stored_rich_text(html)
            if _has_text(stored):
                blocks.append(("paragraph", stored))

    for node in soup.contents:
        if getattr(node, "name", None) in _STREAM_HEADINGS:
            flush()
            heading = node.get_text(" ", strip=True)
            if heading:
                blocks.append(("heading", {"text": heading[:120], "level": "h2"}))
        else:
            pending.append(str(node))
    flush()
    return blocks


def plain_text_from_markup(text: str) -> str:
    """The words of composer text, a line per heading, list item or line
    break (for the plain-language advice)."""
    return text_from_html(_markdown()(text or ""))


def composer_can_edit(body) -> bool:
    """Whether the composer's text field can stand for this body unchanged."""
    for block in body:
        if block.block_type not in COMPOSER_BLOCK_TYPES:
            return False
        if block.block_type == "paragraph" and "linktype=" in block.value.source:
            return False
    return True


def text_from_body(body) -> str:
    """The composer markup for a body `composer_can_edit` accepts."""
    parts = []
    for block in body:
        if block.block_type == "heading":
            marks = "##" if block.value["level"] == "h2" else "###"
            parts.append(f"{marks} {block.value['text']}")
        else:
            parts.append(_text_from_rich_text(block.value.source))
    return "\n\n".join(part for part in parts if part)


def _text_from_rich_text(html: str) -> str:
    text = markdownify(
        html, heading_style="ATX", bullets="-", strong_em_symbol="*", escape_misc=False
    )
    # A line break is a plain new line in the composer (see `_markdown`).
    text = re.sub(r" {2}\n ?", "\n", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
