"""Klarspråk: advice on plain Norwegian, from the text alone.

The rule: advice, never a verdict. Nothing here blocks saving or publishing;
each finding says where it is (character offsets into the analysed text), what
was found and, where there is one, what to write instead. Everything is a pure
function of the text, the audience and the language (``nb`` or ``nn``): no
database and no request, so the composer, the communication team's pages and
Wagtail's content checks give the same advice for the same text.

What is measured:

* LIX (*läsbarhetsindex*): words per sentence plus the share of words longer
  than six letters, in per cent. Below 40 is easy to read; above 50 is heavy.
* Sentences of more than `LONG_SENTENCE_WORDS` words, and words of more than
  `LONG_WORD_LETTERS` letters (compounds are ordinary Norwegian, so only the
  very long ones).
* Passive *-s* forms (*behandles*, *kan søkes*; Nynorsk *-ast*), told from
  nouns with a genitive *-s* by the Norwegian Hunspell dictionary when it is
  installed (Debian's ``hunspell-no``), by a cautious rule when it is not.
* Nominalisations (*-ing*, *-het*, *-else*): only where a sentence holds two
  or more of them, which is what makes a sentence heavy.
* Bureaucratic words with plain alternatives, and, in texts for citizens,
  the reader named in the third person instead of *du*. Both lists, and the
  other vocabularies, are data the team extends: ``data/klarsprak.toml``.
"""

from __future__ import annotations

import bisect
import enum
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from html.parser import HTMLParser
from pathlib import Path

from django.utils.translation import gettext_lazy as _

#: A sentence of more words than this gets advice.
LONG_SENTENCE_WORDS = 25
#: A word of more letters than this gets advice (Norwegian compounds are long).
LONG_WORD_LETTERS = 20
#: LIX counts a word of more letters than this as long.
LIX_LONG_WORD_LETTERS = 6
#: A sentence with this many nominalisations gets advice on them.
NOMINALISATIONS_PER_SENTENCE = 2

VOCABULARY_FILE = Path(__file__).resolve().parent / "data" / "klarsprak.toml"
#: Where Debian and Ubuntu put the Hunspell dictionaries (package hunspell-no).
DICTIONARY_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"))


class Audience(enum.StrEnum):
    STAFF = "staff"
    CITIZENS = "citizens"


class Kind(enum.StrEnum):
    BUREAUCRATIC = "bureaucratic"
    IMPERSONAL = "impersonal"
    LONG_SENTENCE = "long_sentence"
    PASSIVE = "passive"
    NOMINALISATION = "nominalisation"
    LONG_WORD = "long_word"


#: The kinds in the order the advice lists them, with a label and the advice.
KIND_TEXTS = {
    Kind.BUREAUCRATIC: (
        _("Bureaucratic words"),
        _("Choose the everyday word. Suggestions follow each word."),
    ),
    Kind.IMPERSONAL: (
        _("Say “du” to the reader"),
        _(
            "Speak to the citizen directly: «Du må legge ved» instead of "
            "«Søkeren må legge ved»."
        ),
    ),
    Kind.LONG_SENTENCE: (
        _("Long sentences"),
        _(
            "Split sentences of more than %(words)s words. One thought per "
            "sentence is easier to follow."
        ),
    ),
    Kind.PASSIVE: (
        _("Passive verbs"),
        _(
            "Say who does what: «Vi behandler søknaden» instead of «Søknaden "
            "behandles»."
        ),
    ),
    Kind.NOMINALISATION: (
        _("Nouns instead of verbs"),
        _(
            "Several nouns made from verbs in one sentence make it heavy. Use the "
            "verb: «Vi kartlegger behovet» instead of «Kartleggingen av behovet "
            "gjennomføres»."
        ),
    ),
    Kind.LONG_WORD: (
        _("Very long words"),
        _(
            "Words of more than %(letters)s letters are hard to take in. Can you "
            "say it with more, shorter words?"
        ),
    ),
}


@dataclass(frozen=True)
class Finding:
    """One piece of advice: `text[start:end]` of the analysed text."""

    kind: Kind
    start: int
    end: int
    text: str
    suggestion: str = ""
    #: A long sentence's number of words.
    words: int = 0


@dataclass(frozen=True)
class GroupItem:
    text: str
    count: int
    suggestion: str = ""
    words: int = 0


@dataclass(frozen=True)
class FindingGroup:
    """The findings of one kind, as the advice lists them."""

    kind: Kind
    items: tuple[GroupItem, ...]
    total: int
    hidden: int

    @property
    def label(self) -> str:
        return str(KIND_TEXTS[self.kind][0])

    @property
    def advice(self) -> str:
        return str(KIND_TEXTS[self.kind][1]) % {
            "words": LONG_SENTENCE_WORDS,
            "letters": LONG_WORD_LETTERS,
        }


class Level(enum.StrEnum):
    VERY_EASY = "very_easy"
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"
    VERY_HARD = "very_hard"


#: The usual Scandinavian reading of LIX: (below this, level, label).
LIX_LEVELS = (
    (30, Level.VERY_EASY, _("very easy")),
    (40, Level.EASY, _("easy")),
    (50, Level.MEDIUM, _("medium")),
    (60, Level.HARD, _("hard")),
    (None, Level.VERY_HARD, _("very hard")),
)


@dataclass(frozen=True)
class Analysis:
    words: int
    sentences: int
    long_words: int
    findings: tuple[Finding, ...] = field(default=())

    @property
    def lix(self) -> int | None:
        """LIX rounded to a whole number; None for a text without words."""
        if not self.words:
            return None
        return round(
            self.words / max(self.sentences, 1) + 100 * self.long_words / self.words
        )

    @property
    def level(self) -> Level | None:
        lix = self.lix
        if lix is None:
            return None
        return next(
            level for bound, level, _label in LIX_LEVELS if bound is None or lix < bound
        )

    @property
    def level_label(self) -> str:
        level = self.level
        return next(
            (str(label) for _bound, value, label in LIX_LEVELS if value == level), ""
        )

    def above(self, target: int) -> bool:
        lix = self.lix
        return lix is not None and lix > target

    def of_kind(self, kind: Kind) -> list[Finding]:
        return [finding for finding in self.findings if finding.kind == kind]

    def groups(self, *, shown: int = 8) -> list[FindingGroup]:
        """The findings by kind, each word once with how often it occurs (a
        long sentence each on its own), at most `shown` per kind."""
        groups = []
        for kind in KIND_TEXTS:
            findings = self.of_kind(kind)
            if not findings:
                continue
            if kind == Kind.LONG_SENTENCE:
                items = [
                    GroupItem(text=finding.text, count=1, words=finding.words)
                    for finding in findings
                ]
            else:
                counted: dict[str, list] = {}
                for finding in findings:
                    key = " ".join(finding.text.lower().split())
                    if key in counted:
                        counted[key][1] += 1
                    else:
                        counted[key] = [finding.text, 1, finding.suggestion]
                items = [
                    GroupItem(text=text, count=count, suggestion=suggestion)
                    for text, count, suggestion in counted.values()
                ]
            groups.append(
                FindingGroup(
                    kind=kind,
                    items=tuple(items[:shown]),
                    total=len(findings),
                    hidden=max(len(items) - shown, 0),
                )
            )
        return groups


_LETTERS = r"[^\W\d_]"
WORD = re.compile(rf"{_LETTERS}+(?:[-'’]{_LETTERS}+)*")
# A run of sentence-ending marks, with closing quotes or brackets after it.
_TERMINATOR = re.compile(r"(?:[.!?…]+|:)[\"'»”’)\]]*(?=\s|$)")
_NEXT_VISIBLE = re.compile(r"\S")
_WORD_BEFORE = re.compile(rf"({_LETTERS}+(?:\.{_LETTERS}+)*)\.?$")
# Enough to see "f.eks." or "t.o.m." before a full stop.
_ABBREVIATION_WINDOW = 12


def _sentence_spans(text: str, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of each sentence. A line is never part of a longer sentence:
    a heading, a list item or a line break ends it. A mark followed by a small
    letter ends nothing ("f.eks. noe", "1. mars")."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        offset, chunk, begin = line.start(), line.group(), 0
        for mark in _TERMINATOR.finditer(chunk):
            if mark.group().startswith(".") and not mark.group().startswith(".."):
                window = chunk[
                    max(mark.start() - _ABBREVIATION_WINDOW, 0) : mark.start()
                ]
                before = _WORD_BEFORE.search(window)
                if before and _is_abbreviation(before.group(1), abbreviations):
                    continue
            following = _NEXT_VISIBLE.search(chunk, mark.end())
            if following and following.group().islower():
                continue
            spans.append((offset + begin, offset + mark.end()))
            begin = mark.end()
        if chunk[begin:].strip():
            spans.append((offset + begin, offset + len(chunk)))
    return spans


def _is_abbreviation(word: str, abbreviations: frozenset[str]) -> bool:
    # An initial ("K. Hansen") or a known abbreviation ("f.eks.", "kl.").
    return (len(word) == 1 and word.isupper()) or word.lower() in abbreviations


def _letters(word: str) -> int:
    return sum(1 for char in word if char.isalpha())


_BLOCK_TAGS = frozenset(
    "address article aside blockquote dd details dialog div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p "
    "pre section summary table tbody td tfoot th thead tr ul".split()
)
_SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript", "svg"})


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[list[str]] = [[]]
        self.skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag == "br" or tag in _BLOCK_TAGS:
            self.lines.append([])

    def handle_startendtag(self, tag, attrs) -> None:
        if tag == "br" or tag in _BLOCK_TAGS:
            self.lines.append([])

    def handle_endtag(self, tag) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in _BLOCK_TAGS:
            self.lines.append([])

    def handle_data(self, data) -> None:
        if not self.skipping:
            self.lines[-1].append(data)


def text_from_html(html: str) -> str:
    """The words of an HTML fragment (rich text), a line per block or line
    break, so a heading or a list item is never glued to the next sentence."""
    parser = _TextParser()
    parser.feed(html or "")
    parser.close()
    lines = (" ".join("".join(parts).split()) for parts in parser.lines)
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class _Phrases:
    """A list of words and phrases, each with a suggestion; ``*`` ends a stem."""

    pattern: re.Pattern | None
    exact: dict[str, str]
    stems: tuple[tuple[str, str], ...]

    @classmethod
    def build(cls, entries: dict[str, str]) -> _Phrases:
        exact, stems, alternatives = {}, [], []
        for raw, suggestion in entries.items():
            phrase = " ".join(raw.lower().split())
            if phrase.endswith("*"):
                stems.append((phrase[:-1], suggestion))
                body = re.escape(phrase[:-1]) + rf"{_LETTERS}*"
            else:
                exact[phrase] = suggestion
                body = re.escape(phrase)
            alternatives.append(body.replace(r"\ ", r"\s+"))
        if not alternatives:
            return cls(None, exact, ())
        # Longest first, so "i henhold til" wins over a shorter entry inside it.
        alternatives.sort(key=len, reverse=True)
        pattern = re.compile(
            rf"(?<!{_LETTERS})(?:{'|'.join(alternatives)})(?!{_LETTERS})",
            re.IGNORECASE,
        )
        stems.sort(key=lambda pair: len(pair[0]), reverse=True)
        return cls(pattern, exact, tuple(stems))

    def find(self, text: str) -> Iterable[tuple[int, int, str, str]]:
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            key = " ".join(match.group().lower().split())
            suggestion = self.exact.get(key)
            if suggestion is None:
                suggestion = next(
                    (found for stem, found in self.stems if key.startswith(stem)), ""
                )
            yield match.start(), match.end(), match.group(), suggestion


@dataclass(frozen=True)
class Vocabulary:
    bureaucratic: _Phrases
    impersonal: _Phrases
    passive: frozenset[str]
    not_passive: frozenset[str]
    modals: frozenset[str]
    lexicalised: frozenset[str]
    abbreviations: frozenset[str]


@cache
def vocabulary(path: Path = VOCABULARY_FILE) -> Vocabulary:
    """The team's word lists (see the file's header on how to extend them)."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)

    def words(section: str, key: str = "ord") -> frozenset[str]:
        return frozenset(" ".join(w.lower().split()) for w in data[section][key])

    return Vocabulary(
        bureaucratic=_Phrases.build(data["kansellisprak"]),
        impersonal=_Phrases.build(data["upersonlig"]),
        passive=words("passiv"),
        not_passive=words("passiv", "ikke_passiv"),
        modals=words("modalverb"),
        lexicalised=words("substantiv"),
        abbreviations=frozenset(
            w.lower().rstrip(".") for w in data["forkortelser"]["ord"]
        ),
    )


@dataclass(frozen=True)
class Lexicon:
    """What the Hunspell dictionary tells of verbs: ``verbs`` are infinitives;
    ``other`` are words ending in -e that are no verb (kommune, tjeneste)."""

    verbs: frozenset[str]
    other: frozenset[str]

    def is_verb(self, infinitive: str) -> bool:
        if infinitive in self.verbs:
            return True
        if infinitive in self.other:
            return False
        # A compound verb (iverksette, kartlegge): its last part is a verb.
        return any(
            infinitive[cut:] in self.verbs for cut in range(3, len(infinitive) - 3)
        )


#: The affix flags that mark a verb in each language's dictionary: in Bokmål the
#: present participle (-ende), the imperative and the noun in -ing; in Nynorsk
#: the passive (-ast).
_VERB_FLAGS = {"nb": frozenset("SRt"), "nn": frozenset("K")}


@cache
def lexicon(language: str) -> Lexicon | None:
    """The verbs of Debian's Norwegian Hunspell dictionary, or None without it."""
    flags_of_verbs = _VERB_FLAGS.get(language)
    if flags_of_verbs is None:
        return None
    for folder in DICTIONARY_DIRS:
        path = folder / f"{language}_NO.dic"
        if path.is_file():
            break
    else:
        return None
    verbs, other = set(), set()
    # The Debian dictionaries are Latin-1 ("SET ISO8859-1" in the .aff file).
    with path.open(encoding="latin-1") as handle:
        next(handle, None)  # the entry count
        for line in handle:
            word, _slash, flags = line.rstrip("\n").partition("/")
            if not word.islower():
                continue
            if flags_of_verbs.intersection(flags):
                verbs.add(word)
            elif word.endswith("e"):
                other.add(word)
    return Lexicon(frozenset(verbs), frozenset(other))


# Words before which an -s is a genitive, not a passive ("en skoles ansvar").
_GENITIVE_BEFORE = frozenset(
    "en ei et ein eit hver hvert kvar kvart enhver ethvert ingen".split()
)
_NOMINAL = re.compile(
    r"^(?P<stem>.+?)(?P<suffix>ing|heit|het|else)"
    r"(?:en|er|ene|a|ar|ane|n|r|ne)?$"
)


def _is_passive(
    lower: str,
    previous: str,
    *,
    language: str,
    lex: Lexicon | None,
    vocab: Vocabulary,
) -> bool:
    if lower in vocab.not_passive or f"{previous} {lower}" in vocab.not_passive:
        return False
    if any(lower.endswith(short) for short in vocab.passive):
        # "tas", and in compounds: "foretas", "vedtas", "avslås", "avgjøres".
        return previous not in _GENITIVE_BEFORE
    if language == "nn":
        if not lower.endswith("ast") or len(lower) < 6:
            return False
        infinitive = lower[:-3] + "e"
    else:
        if not lower.endswith("es") or len(lower) < 5:
            return False
        infinitive = lower[:-1]
    if previous in _GENITIVE_BEFORE:
        return False
    if lex is not None:
        return lex.is_verb(infinitive)
    # Without the dictionary: after a modal verb ("kan søkes"), or a verb in
    # -ere, which is nearly always one ("vurderes", "registreres").
    return previous in vocab.modals or (
        language != "nn" and infinitive.endswith("ere") and len(infinitive) > 5
    )


def _is_nominalisation(lower: str, *, lex: Lexicon | None, vocab: Vocabulary) -> bool:
    match = _NOMINAL.match(lower)
    if match is None:
        return False
    stem, suffix = match.group("stem"), match.group("suffix")
    if (
        len(stem) < 4
        or stem + suffix in vocab.lexicalised
        or lower in vocab.lexicalised
    ):
        return False
    if suffix == "ing" and lex is not None:
        # behandling ← behandle, kartlegging ← kartlegge; not flyktning, pudding.
        return lex.is_verb(stem + "e") or lex.is_verb(stem)
    return True


def analyse(
    text: str, *, audience: Audience = Audience.STAFF, language: str = "nb"
) -> Analysis:
    """LIX and the plain-language findings for a plain text (see the module
    docstring). `language` is ``nb`` or ``nn``; another value is read as ``nb``.
    """
    text = text or ""
    language = language if language in ("nb", "nn") else "nb"
    vocab = vocabulary()
    lex = lexicon(language)
    words = list(WORD.finditer(text))
    spans = _sentence_spans(text, vocab.abbreviations)
    starts = [start for start, _end in spans]
    findings: list[Finding] = []

    # Each word's sentence, to count words per sentence and to know the first.
    sentence_of = [bisect.bisect_right(starts, word.start()) - 1 for word in words]
    per_sentence: dict[int, list[int]] = {}
    for index, sentence in enumerate(sentence_of):
        per_sentence.setdefault(sentence, []).append(index)

    long_words = 0
    nominal: dict[int, list[re.Match]] = {}
    previous = ""
    previous_sentence = -1
    for index, word in enumerate(words):
        token = word.group()
        letters = _letters(token)
        lower = token.lower()
        sentence = sentence_of[index]
        first = sentence != previous_sentence
        if first:
            previous = ""
        previous_sentence = sentence
        if letters > LIX_LONG_WORD_LETTERS:
            long_words += 1
        if letters > LONG_WORD_LETTERS:
            findings.append(Finding(Kind.LONG_WORD, word.start(), word.end(), token))
        # A capital inside a sentence is a name ("Kongsvinger", "Hamar").
        ordinary = first or not token[0].isupper()
        if ordinary and _is_passive(
            lower, previous, language=language, lex=lex, vocab=vocab
        ):
            findings.append(Finding(Kind.PASSIVE, word.start(), word.end(), token))
        if ordinary and _is_nominalisation(lower, lex=lex, vocab=vocab):
            nominal.setdefault(sentence, []).append(word)
        previous = lower

    for matches in nominal.values():
        if len(matches) >= NOMINALISATIONS_PER_SENTENCE:
            findings.extend(
                Finding(Kind.NOMINALISATION, m.start(), m.end(), m.group())
                for m in matches
            )

    for sentence, indexes in per_sentence.items():
        if len(indexes) > LONG_SENTENCE_WORDS and sentence >= 0:
            opening = " ".join(words[i].group() for i in indexes[:8])
            start, end = spans[sentence]
            findings.append(
                Finding(
                    Kind.LONG_SENTENCE,
                    start,
                    end,
                    f"{opening} …",
                    words=len(indexes),
                )
            )

    for start, end, found, suggestion in vocab.bureaucratic.find(text):
        findings.append(Finding(Kind.BUREAUCRATIC, start, end, found, suggestion))
    if audience == Audience.CITIZENS:
        for start, end, found, suggestion in vocab.impersonal.find(text):
            findings.append(Finding(Kind.IMPERSONAL, start, end, found, suggestion))

    findings.sort(key=lambda finding: (finding.start, finding.kind))
    return Analysis(
        words=len(words),
        sentences=sum(1 for indexes in per_sentence.values() if indexes),
        long_words=long_words,
        findings=tuple(findings),
    )


@dataclass(frozen=True)
class Advice:
    """An analysis measured against the team's target LIX, as the advice
    panels show it."""

    analysis: Analysis
    target: int
    audience: Audience = Audience.STAFF

    @property
    def lix(self) -> int | None:
        return self.analysis.lix

    @property
    def above_target(self) -> bool:
        return self.analysis.above(self.target)

    @cached_property
    def groups(self) -> list[FindingGroup]:
        return self.analysis.groups()


def advise(
    text: str,
    *,
    target: int,
    audience: Audience = Audience.STAFF,
    language: str = "nb",
) -> Advice:
    """The advice for `text` against `target` (see `analyse`)."""
    return Advice(
        analysis=analyse(text, audience=audience, language=language),
        target=target,
        audience=audience,
    )
