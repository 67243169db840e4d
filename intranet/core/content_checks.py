"""Wagtail's content checks, extended with Norwegian plain language.

Wagtail's editor runs its content checker (axe-core) on the page preview and
lists what it finds in the "Checks" panel; its own "Readability" metric is
already LIX. The documented way to extend the checker is a subclass of
`ContentCheckerItem` swapped in through the ``construct_wagtail_userbar`` hook
(see `intranet.core.wagtail_hooks`). Its rules are data (selectors and axe's
own checks), so no JavaScript of Wagtail's is replaced:

* when a story is rendered as a preview (or with the user bar, ``?verktoy=1``),
  `mark_plain_language` wraps each finding of `intranet.core.plain_language` in
  an invisible ``<span data-klarsprak="passive">`` (a whole text over the target
  LIX in a ``<div data-klarsprak="lix">``);
* `PlainLanguageCheckerItem` adds one axe rule per kind that selects those
  marks and fails on any that holds text (axe's built-in ``has-visible-text``
  check), with the Norwegian name and advice as the rule's message.

So the Checks panel lists each passive verb, bureaucratic word or long sentence
under its advice, and "Show issue" points at it in the preview.
"""

from __future__ import annotations

import bisect

from bs4 import BeautifulSoup, NavigableString
from django.utils.translation import gettext as _
from wagtail.admin.userbar import ContentCheckerItem

from intranet.core.plain_language import (
    KIND_TEXTS,
    LONG_SENTENCE_WORDS,
    LONG_WORD_LETTERS,
    Audience,
    Kind,
    analyse,
)

ATTRIBUTE = "data-klarsprak"
#: The mark of a whole text above the target LIX.
LIX = "lix"

_BLOCKS = frozenset(
    "address article aside blockquote dd details div dl dt figcaption figure footer "
    "h1 h2 h3 h4 h5 h6 header li main nav ol p pre section summary table td th tr "
    "ul".split()
)
_SKIPPED = frozenset({"script", "style", "template", "noscript", "svg", "code"})


def rule_id(kind: str) -> str:
    return f"klarsprak-{kind.replace('_', '-')}"


def _block_of(node) -> object:
    for parent in node.parents:
        if parent.name in _BLOCKS:
            return parent
    return None


def _text_nodes(soup: BeautifulSoup) -> list[NavigableString]:
    return [
        node
        for node in soup.find_all(string=True)
        if type(node) is NavigableString
        and not any(parent.name in _SKIPPED for parent in node.parents)
    ]


def mark_plain_language(
    html: str,
    *,
    target: int | None = None,
    audience: Audience = Audience.STAFF,
    language: str = "nb",
) -> str:
    """`html` with each plain-language finding wrapped in an invisible mark for
    the content checker, and the whole in a LIX mark if it is above `target`."""
    soup = BeautifulSoup(html, "html.parser")
    nodes = _text_nodes(soup)
    parts, starts, block, length = [], [], None, 0
    for node in nodes:
        here = _block_of(node)
        if parts and here is not block:
            parts.append("\n")
            length += 1
        block = here
        starts.append(length)
        # Line breaks in the HTML source are spaces to a reader.
        text = str(node).replace("\n", " ").replace("\r", " ")
        parts.append(text)
        length += len(text)
    analysis = analyse("".join(parts), audience=audience, language=language)

    spans: dict[int, dict[tuple[int, int], list[str]]] = {}
    for finding in analysis.findings:
        start, end = finding.start, finding.end
        if finding.kind == Kind.LONG_SENTENCE:
            # The sentence's first word stands for it ("Show issue" finds it).
            end = start + len(finding.text.split(" ", 1)[0])
        index = bisect.bisect_right(starts, start) - 1
        if index < 0:
            continue
        node_start = starts[index]
        node_end = node_start + len(str(nodes[index]))
        if end > node_end:
            continue  # a phrase across formatting: left unmarked
        spans.setdefault(index, {}).setdefault(
            (start - node_start, end - node_start), []
        ).append(str(finding.kind))

    for index, marks in spans.items():
        _wrap(soup, nodes[index], marks)

    result = str(soup)
    if target is not None and analysis.above(target):
        result = f'<div {ATTRIBUTE}="{LIX}">{result}</div>'
    return result


def _wrap(soup: BeautifulSoup, node: NavigableString, marks: dict) -> None:
    text = str(node)
    pieces: list = []
    position = 0
    for (start, end), kinds in sorted(marks.items()):
        if start < position:
            continue  # inside or across a mark already made
        if start > position:
            pieces.append(NavigableString(text[position:start]))
        span = soup.new_tag("span", attrs={ATTRIBUTE: " ".join(sorted(set(kinds)))})
        span.string = text[start:end]
        pieces.append(span)
        position = end
    if position < len(text):
        pieces.append(NavigableString(text[position:]))
    node.replace_with(*pieces)


class PlainLanguageCheckerItem(ContentCheckerItem):
    """Wagtail's content checker with the Norwegian plain-language rules."""

    def __init__(self, in_editor: bool = False, *, target: int) -> None:
        super().__init__(in_editor=in_editor)
        self.target = target

    def _kinds(self) -> list[str]:
        return [str(kind) for kind in KIND_TEXTS if kind != Kind.IMPERSONAL] + [LIX]

    def get_axe_run_only(self, request):
        run_only = super().get_axe_run_only(request)
        if not run_only:
            return run_only  # every rule runs, ours too
        return [*run_only, *(rule_id(kind) for kind in self._kinds())]

    def get_axe_custom_rules(self, request):
        return [
            *super().get_axe_custom_rules(request),
            *(
                {
                    "id": rule_id(kind),
                    "impact": "minor",
                    "selector": f'[{ATTRIBUTE}~="{kind}"]',
                    "tags": ["best-practice"],
                    # axe's own check: the mark holds text, so the rule fails
                    # on it, and the panel lists it.
                    "none": ["has-visible-text"],
                    "enabled": True,
                }
                for kind in self._kinds()
            ),
        ]

    def get_axe_messages(self, request):
        numbers = {"words": LONG_SENTENCE_WORDS, "letters": LONG_WORD_LETTERS}
        messages = {
            rule_id(kind): {
                "error_name": str(label),
                "help_text": str(advice) % numbers,
            }
            for kind, (label, advice) in KIND_TEXTS.items()
            if kind != Kind.IMPERSONAL
        }
        messages[rule_id(LIX)] = {
            "error_name": _("Harder to read than the target"),
            "help_text": _(
                "The text’s LIX is above the target of %(target)s. Shorter "
                "sentences and everyday words bring it down."
            )
            % {"target": self.target},
        }
        return {**super().get_axe_messages(request), **messages}
