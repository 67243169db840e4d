"""Norwegian text handling shared by the backends: words, stems, query syntax, marks.

The query syntax is the one people know from web search engines and it never
fails: words must all match, ``"quoted words"`` match as a phrase, ``OR`` between
two words or phrases matches either, and ``-word`` excludes. Every other
character is a separator, so no input can reach an engine as syntax.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Letters and digits (any script); "_" and punctuation separate words.
WORD_RE = re.compile(r"[^\W_]+")
# A quoted phrase, an OR, or a possibly negated run of non-space characters.
QUERY_TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')

MAX_CLAUSES = 12
MAX_WORD_LENGTH = 60

_stemmer = snowballstemmer.stemmer("norwegian")

SOFT_HYPHEN = "\u00ad"

# How people without Norwegian letters write them, and how old documents did:
# both spellings fold to the same plain ASCII ("Sørum", "Soerum" and "Sorum" all
# become "sorum"). One pass, left to right, the two-letter forms first; the
# Elasticsearch char filter is built from this table (see
# search/backends/elasticsearch.py) and the PostgreSQL column repeats it in SQL
# (search/migrations/0008_folded.py).
FOLDINGS = {"aa": "a", "oe": "o", "ø": "o", "å": "a", "æ": "ae"}
FOLDING_RE = re.compile("|".join(FOLDINGS))


def normalize(text: str) -> str:
    """NFC (a decomposed "å" is one letter again) without soft hyphens."""
    text = text.replace(SOFT_HYPHEN, "")
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text


def fold(text: str) -> str:
    """Lower-cased ASCII-folded text: Norwegian letters as ``FOLDINGS`` says,
    other accented Latin letters without their accents ("é" -> "e")."""
    text = FOLDING_RE.sub(lambda match: FOLDINGS[match.group()], text.lower())
    if text.isascii():
        return text
    return unicodedata.normalize(
        "NFC",
        "".join(
            char
            for char in unicodedata.normalize("NFD", text)
            if not unicodedata.combining(char)
        ),
    )


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Norwegian Snowball stem of one word (lower-cased first)."""
    word = word.lower()
    if len(word) > MAX_WORD_LENGTH:
        return word
    return _stemmer.stemWord(word)


@lru_cache(maxsize=200_000)
def folded_stem(word: str) -> str:
    """The stem of the folded word: every spelling that folds alike shares it."""
    return stem(fold(word))


def words(text: str) -> list[str]:
    return WORD_RE.findall(normalize(text))


def stemmed(text: str) -> str:
    """The text as space-separated stems: what the SQLite index stores."""
    return " ".join(stem(word) for word in words(text))


def folded_stemmed(text: str) -> str:
    """The text as space-separated folded stems, stored beside ``stemmed``."""
    return " ".join(folded_stem(word) for word in words(text))


# A word typed with a trailing "*" (``ord*``) matches the words it begins;
# shorter beginnings are taken as whole words (a one-letter prefix would match
# most of the index).
MIN_PREFIX_LENGTH = 2


@dataclass(frozen=True)
class Term:
    """One word, or a phrase of several words that must appear in order.

    ``prefix``: the last word matches any word it begins (``ord*``).
    ``exact``: one word typed in quotes, so typo tolerance leaves it as it is
    (phrases never get other spellings).
    """

    words: tuple[str, ...]
    prefix: bool = False
    exact: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    @property
    def text(self) -> str:
        return " ".join(self.words)


@dataclass(frozen=True)
class ParsedText:
    """``clauses`` are AND-ed; the terms inside one clause are OR-ed."""

    clauses: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.clauses)

    @property
    def stems(self) -> frozenset[str]:
        """Stems and folded stems of every wanted word, for highlighting."""
        wanted = [
            word for clause in self.clauses for term in clause for word in term.words
        ]
        # A prefix ("ord*") marks every word it begins, whatever its stem.
        prefixes = {
            f"{prefix_stem(term.words[-1], word_stem)}*"
            for clause in self.clauses
            for term in clause
            if term.prefix
            for word_stem in (stem, folded_stem)
        }
        return (
            frozenset(map(stem, wanted))
            | frozenset(map(folded_stem, wanted))
            | frozenset(prefixes)
        )

    def folded(self) -> "ParsedText":
        """The same query with every word folded (``fold``)."""

        def folded_term(term: Term) -> Term:
            return Term(
                tuple(fold(word) for word in term.words),
                prefix=term.prefix,
                exact=term.exact,
            )

        return ParsedText(
            clauses=tuple(tuple(map(folded_term, clause)) for clause in self.clauses),
            excluded=tuple(map(folded_term, self.excluded)),
        )


def parse(text: str) -> ParsedText:
    """Parse what a person typed into clauses; never raises."""
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    pending_or = False
    for match in QUERY_TOKEN_RE.finditer(normalize(text)):
        negated_phrase, phrase, bare = match.groups()
        if bare is not None:
            if bare == "OR":
                pending_or = bool(clauses)
                continue
            if bare == "AND":
                continue
            negated = bare.startswith("-")
            term_words = tuple(words(bare))
        else:
            negated = bool(negated_phrase)
            term_words = tuple(words(phrase))
        if not term_words:
            continue
        term_words = term_words[:8]
        if negated:
            if len(excluded) < MAX_CLAUSES:
                excluded.append(Term(term_words))
            pending_or = False
            continue
        # A bare token like "skole/barnehage" is several words, each required.
        terms = (
            [Term(term_words, exact=len(term_words) == 1)]
            if bare is None
            else [Term((word,)) for word in term_words]
        )
        if (
            bare is not None
            and bare.endswith("*")
            and bare.rstrip("*").endswith(term_words[-1])
            and len(term_words[-1]) >= MIN_PREFIX_LENGTH
        ):
            terms[-1] = Term(terms[-1].words, prefix=True)
        for index, term in enumerate(terms):
            if pending_or and index == 0:
                clauses[-1].append(term)
            elif len(clauses) < MAX_CLAUSES and [term] not in clauses:
                # A word typed twice is one word to match.
                clauses.append([term])
        pending_or = False
    return ParsedText(
        clauses=tuple(tuple(clause) for clause in clauses), excluded=tuple(excluded)
    )


# The SQLite FTS5 columns: stems, and the folded stems beside them.
FTS_COLUMNS = ("title", "intro", "body", "extra")
FTS_FOLDED_COLUMNS = tuple(f"{name}_folded" for name in FTS_COLUMNS)


def to_fts5(parsed: ParsedText) -> str:
    """An SQLite FTS5 MATCH expression over the stemmed index columns.

    A document matches when its stems match, or its folded stems match the
    folded query: the second holds whenever the first does, yet asking for both
    lets bm25 score an exact-letter match above a folded-only one.
    """

    def term_sql(term: Term, word_stem) -> str:
        if term.prefix:
            *head, last = term.words
            stems = [*map(word_stem, head), prefix_stem(last, word_stem)]
            return '"' + " ".join(stems) + '"*'
        return '"' + " ".join(word_stem(word) for word in term.words) + '"'

    def expression(word_stem) -> str:
        return " AND ".join(
            "(" + " OR ".join(term_sql(term, word_stem) for term in clause) + ")"
            for clause in parsed.clauses
        )

    if not parsed.clauses:
        return ""
    exact, folded = expression(stem), expression(folded_stem)
    matching = (
        f"({{{' '.join(FTS_COLUMNS)}}} : ({exact})) OR "
        f"({{{' '.join(FTS_FOLDED_COLUMNS)}}} : ({folded}))"
    )
    if not parsed.excluded:
        return f"({matching})"
    unwanted = " OR ".join(term_sql(term, folded_stem) for term in parsed.excluded)
    return f"({matching}) NOT ({{{' '.join(FTS_FOLDED_COLUMNS)}}} : ({unwanted}))"


def prefix_stem(word: str, word_stem=stem) -> str:
    """What the indexed stems of the words ``word`` begins start with: its stem
    when that is a beginning of the word ("barnehagene*" also finds
    "barnehage"), else the word itself."""
    lowered = word.lower() if word_stem is stem else fold(word)
    stemmed_word = word_stem(word)
    return stemmed_word if lowered.startswith(stemmed_word) else lowered


def to_tsquery(parsed: ParsedText) -> str:
    """A PostgreSQL ``to_tsquery`` expression; the server stems each word."""

    def term_sql(term: Term) -> str:
        parts = [f"'{word.lower()}'" for word in term.words]
        if term.prefix:
            parts[-1] += ":*"
        return "(" + " <-> ".join(parts) + ")"

    positive = " & ".join(
        "(" + " | ".join(term_sql(term) for term in clause) + ")"
        for clause in parsed.clauses
    )
    if not positive:
        return ""
    negative = "".join(f" & !{term_sql(term)}" for term in parsed.excluded)
    return f"({positive}){negative}"


def _wanted(word: str, stems: frozenset[str]) -> bool:
    """Whether the word, or its folded form, is one of the wanted ``stems``."""
    if stem(word) in stems or folded_stem(word) in stems:
        return True
    prefixes = tuple(wanted[:-1] for wanted in stems if wanted.endswith("*"))
    return bool(prefixes) and (
        stem(word).startswith(prefixes) or folded_stem(word).startswith(prefixes)
    )


def highlight(text: str, stems: frozenset[str]) -> SafeString:
    """The whole text, HTML-escaped, with matching words in ``<mark>``."""
    if not stems:
        return escape(text)
    parts, position = [], 0
    for match in WORD_RE.finditer(text):
        if _wanted(match.group(), stems):
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


def snippet(text: str, stems: frozenset[str], *, length: int = 220) -> SafeString:
    """A window of the text around the first match, escaped, matches marked."""
    text = " ".join(text.split())
    start = 0
    if stems:
        for match in WORD_RE.finditer(text):
            if _wanted(match.group(), stems):
                start = max(0, match.start() - length // 3)
                break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = start + length
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + length // 2 else end
    window = text[start:end]
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(  # noqa: S308 - highlight escapes the text
        escape(prefix) + highlight(window, stems) + escape(suffix)
    )
