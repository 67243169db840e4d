"""Norwegian text handling shared by the backends: words, stems, query syntax, marks.

The query syntax is the one people know from web search engines and it never
fails: words must all match, ``"quoted words"`` match as a phrase, ``OR`` between
two words or phrases matches either, and ``-word`` excludes. Every other
character is a separator, so no input can reach an engine as syntax.
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
import stop_words
import wordfreq
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from snowballstemmer.norwegian_stemmer import NorwegianStemmer

# Letters and digits (any script); "_" and punctuation separate words.
WORD_RE = re.compile(r"[^\W_]+")
# A quoted phrase, an OR, or a possibly negated run of non-space characters.
QUERY_TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')

MAX_CLAUSES = 12
MAX_WORD_LENGTH = 60


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


# The lexicon behind compounds and agent nouns: wordfreq's Norwegian Bokmål
# list (every word with its frequency), not a word list typed here.
LEXICON_LANGUAGE = "nb"
# A part of a compound is a common word (Zipf frequency: 3 is about once per
# million words) of at least this many letters; linking letters between them.
MIN_PART_ZIPF = 3.0
# A word this common is a word of its own, not read as a compound for its
# parts ("parkering" is not "park" + "ring"); its stem is still guarded.
MAX_COMPOUND_ZIPF = 3.5
# Elasticsearch gets the corrections of the words at least this common.
MIN_RULE_ZIPF = 1.5
MIN_MODIFIER = 3
MIN_HEAD = 4
LINKING_LETTERS = "se"
# The endings a head may carry when only its bare form is in the lexicon.
HEAD_ENDINGS = ("ene", "en", "et", "er", "ne", "a", "e", "s")
# The agent noun paradigm (-er, -eren, -erne, -ere and their genitives), whose
# forms the Snowball stemmer leaves apart ("sykeplei", "sykepleier",
# "sykepleiern"): each ending and what it replaces to give the base form.
AGENT_ENDINGS = ("erens", "ernes", "eres", "eren", "erne", "ere", "ers")
AGENT_PARADIGM = ("en", "ne", "e")
# A form far more common than the rest of its paradigm is a word of its own
# ("moderne" is not a form of "moder").
AGENT_FORM_MARGIN = 1.0

_stemmer = snowballstemmer.stemmer("norwegian")


class _WithoutOtherSuffix(NorwegianStemmer):
    """Snowball's Norwegian stemmer without its last step, which strips
    derivational endings ("-leg", "-lov", "-lig", "-els" …)."""

    def _NorwegianStemmer__r_other_suffix(self) -> bool:
        return True


_stemmer_without_other_suffix = _WithoutOtherSuffix()


def lexicon(*, folded: bool = False) -> dict[str, float]:
    """Word -> Zipf frequency of the Norwegian lexicon (read once, on first
    use); ``folded`` keys it by ``fold`` of each word, for folded text."""
    return _lexicon(folded)


@lru_cache(maxsize=2)
def _lexicon(folded: bool) -> dict[str, float]:
    if folded:
        merged: dict[str, float] = {}
        for word, zipf in _lexicon(False).items():
            key = fold(word)
            merged[key] = max(zipf, merged.get(key, 0.0))
        return merged
    return {
        word: math.log10(frequency) + 9
        for word, frequency in wordfreq.get_frequency_dict(
            LEXICON_LANGUAGE, wordlist="large"
        ).items()
        if word.isalpha()
    }


def _is_part(word: str, folded: bool) -> bool:
    return (
        len(word) >= MIN_MODIFIER
        and lexicon(folded=folded).get(word, 0.0) >= MIN_PART_ZIPF
    )


# The endings Snowball's last step strips (the Norwegian algorithm's
# "other_suffix" among).
OTHER_SUFFIXES = (
    "hetslov",
    "elig",
    "eleg",
    "elov",
    "slov",
    "leg",
    "eig",
    "lig",
    "els",
    "lov",
    "ig",
)


@lru_cache(maxsize=2)
def _word_suffixes(folded: bool) -> tuple[str, ...]:
    """Those of ``OTHER_SUFFIXES`` that are words of the lexicon, alone or
    after a linking letter ("lov", "slov", "leg" …): only they can cut a
    compound down to its first part."""
    return tuple(
        suffix
        for suffix in OTHER_SUFFIXES
        if _is_part(suffix, folded)
        or (suffix[0] in LINKING_LETTERS and _is_part(suffix[1:], folded))
    )


def snowball(word: str, *, folded: bool = False) -> str:
    """Snowball's Norwegian stem, except where its last step strips a whole
    word off a compound: "fastlege" stays "fastleg", not "fast", and
    "opplæringslova" "opplæringslov", not "opplæring".

    Folded text writes "æ" as "ae", which Snowball would read as an ending
    ("sykefravaer" -> "sykefrava", but "sykefravaeret" -> "sykefravaer"): a
    folded word is stemmed with the one letter "ae" stands for, so its forms
    share a stem as they do with Norwegian letters."""
    if folded and "ae" in word:
        return _snowball(word.replace("ae", "æ"), folded).replace("æ", "ae")
    return _snowball(word, folded)


def _snowball(word: str, folded: bool) -> str:
    whole = _stemmer.stemWord(word)
    if not any(suffix in word for suffix in _word_suffixes(folded)):
        return whole
    before = _stemmer_without_other_suffix.stemWord(word)
    if before != whole:
        removed = before[len(whole) :]
        if folded:
            removed = removed.replace("æ", "ae")
        if _is_part(removed, folded) or (
            removed[0] in LINKING_LETTERS and _is_part(removed[1:], folded)
        ):
            return before
    return whole


def agent_noun(word: str, *, folded: bool = False) -> str:
    """The base form of an inflected agent noun ("sykepleierne" ->
    "sykepleier"), or the word itself.

    A word is an inflected agent noun when it has one of ``AGENT_ENDINGS`` and
    the lexicon has its base form in ``-er`` and the whole paradigm of that
    base (definite singular, definite plural, indefinite plural): the verbs in
    -ere ("registrere") lack that paradigm, and a form much more common than
    the rest of it is another word (the adjective "moderne", not "moder").
    """
    words = lexicon(folded=folded)
    for ending in AGENT_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            base = word[: -len(ending)] + "er"
            forms = [base] + [base + form for form in AGENT_PARADIGM]
            if all(form in words for form in forms) and words.get(
                word, 0.0
            ) <= AGENT_FORM_MARGIN + max(words[form] for form in forms if form != word):
                return base
            return word
    return word


def lemma(word: str, *, folded: bool = False) -> str:
    """The word with an inflected agent noun as its base form, also as the last
    part of a compound the lexicon lacks ("skolesykepleierne")."""
    base = agent_noun(word, folded=folded)
    if base != word or word in lexicon(folded=folded) or len(word) < 7:
        return base
    split = _split(word, folded) if len(word) >= MIN_MODIFIER + MIN_HEAD else None
    if split is None:
        return word
    prefix, head, _score = split
    return prefix + lemma(head, folded=folded)


@dataclass(frozen=True)
class Analysis:
    """A word as the index sees it: its stem, and the stems of the parts of a
    compound (empty for a simple word)."""

    stem: str
    parts: tuple[str, ...] = ()


@lru_cache(maxsize=200_000)
def _split(word: str, folded: bool) -> tuple[str, str, float] | None:
    """The best split of a compound as (modifier with its linking letter,
    head, score), or None.

    Two words are likelier than three: a head that is a word of the lexicon
    beats one that is a compound of its own; among equals the highest mean
    Zipf frequency of the parts wins (Koehn and Knight's rule).
    """
    return _best_split(word, folded, nested=False) or _best_split(
        word, folded, nested=True
    )


def _best_split(
    word: str, folded: bool, *, nested: bool
) -> tuple[str, str, float] | None:
    words = lexicon(folded=folded)
    best = None
    for cut in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
        prefix = word[:cut]
        zipf = words.get(prefix, 0.0)
        if zipf < MIN_PART_ZIPF and prefix[-1] in LINKING_LETTERS and cut > 3:
            zipf = words.get(prefix[:-1], 0.0)
        if zipf < MIN_PART_ZIPF:
            continue
        head = word[cut:]
        if nested:
            inner = (
                _split(head, folded) if len(head) >= MIN_MODIFIER + MIN_HEAD else None
            )
            head_zipf = inner[2] if inner else 0.0
        else:
            head_zipf = _word_zipf(head, folded)
            if head_zipf < MIN_PART_ZIPF:
                continue
        if head_zipf and (best is None or (zipf + head_zipf) / 2 > best[2]):
            best = (prefix, head, (zipf + head_zipf) / 2)
    return best


def _word_zipf(word: str, folded: bool) -> float:
    """How common the word is, or its bare form without an inflection."""
    words = lexicon(folded=folded)
    zipf = words.get(word, 0.0)
    for ending in HEAD_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_MODIFIER:
            zipf = max(zipf, words.get(word[: -len(ending)], 0.0))
    return zipf


@lru_cache(maxsize=200_000)
def analyse(word: str, *, folded: bool = False) -> Analysis:
    """The stem and compound parts of one lower-cased word (already folded
    with ``fold`` when ``folded``, and looked up in the folded lexicon).

    The stem is Snowball's of the word's ``lemma``, kept from cutting a
    compound down to its first part (``snowball``). The parts of a compound
    ("matavfallet": "mat", "avfall") are listed when each is more common than
    the whole, and the whole is no common word of its own, so a part finds it.
    """
    if len(word) > MAX_WORD_LENGTH:
        return Analysis(word)
    if not word.isalpha():
        return Analysis(_stemmer.stemWord(word))
    whole = snowball(lemma(word, folded=folded), folded=folded)
    zipf = _word_zipf(word, folded)
    if zipf >= MAX_COMPOUND_ZIPF or len(word) < MIN_MODIFIER + MIN_HEAD:
        return Analysis(whole)
    split = _split(word, folded)
    if split is None or split[2] <= zipf:
        return Analysis(whole)
    prefix, head, _score = split
    modifier = prefix
    if not _is_part(prefix, folded) and prefix[-1] in LINKING_LETTERS:
        modifier = prefix[:-1]
    modifier_analysis = analyse(modifier, folded=folded)
    head_analysis = analyse(head, folded=folded)
    parts = (
        *modifier_analysis.parts,
        modifier_analysis.stem,
        *head_analysis.parts,
        head_analysis.stem,
    )
    return Analysis(whole, tuple(part for part in dict.fromkeys(parts) if part))


def stem(word: str) -> str:
    """The stem of one word (lower-cased first): Snowball's Norwegian stem,
    corrected by the lexicon for agent nouns and compounds."""
    return analyse(word.lower()).stem


def folded_stem(word: str) -> str:
    """The stem of the folded word: every spelling that folds alike shares it."""
    return analyse(fold(word), folded=True).stem


def compound_parts(word: str) -> tuple[str, ...]:
    """The folded stems of the parts of a compound word (empty for others)."""
    return analyse(fold(word), folded=True).parts


@lru_cache(maxsize=2)
def compound_parts_lexicon(folded: bool = False) -> tuple[str, ...]:
    """The words a compound may be split into, for Elasticsearch's
    dictionary decompounder: the common words of the lexicon that are no stop
    words, as ``_split`` accepts them."""
    return tuple(
        sorted(
            word
            for word, zipf in lexicon(folded=folded).items()
            if zipf >= MIN_PART_ZIPF
            and len(word) >= MIN_MODIFIER
            and word not in STOP_WORDS
        )
    )


@lru_cache(maxsize=2)
def stem_overrides(folded: bool = False) -> tuple[str, ...]:
    """Where ``analyse`` corrects Snowball, as Elasticsearch stemmer override
    rules ("sykepleierne => sykeplei", "fastlegen => fastleg"): every form of
    the lexicon's agent nouns, and its words Snowball cuts down to their first
    part."""
    words = lexicon(folded=folded)
    suffixes = _word_suffixes(folded)
    candidates = {
        base[:-2] + ending
        for base in words
        if base.endswith("er") and agent_noun(base + "e", folded=folded) == base
        for ending in AGENT_ENDINGS
    }
    candidates |= {
        word
        for word, zipf in words.items()
        if zipf >= MIN_RULE_ZIPF and any(suffix in word for suffix in suffixes)
    }
    rules = []
    for word in sorted(candidates):
        corrected = snowball(lemma(word, folded=folded), folded=folded)
        if corrected != _stemmer.stemWord(word):
            rules.append(f"{word} => {corrected}")
    return tuple(rules)


# Words a question is made of ("hvordan", "jeg", "om"): Snowball's Norwegian
# stop words (from the stop-words package), and their folded spellings.
STOP_WORDS = frozenset(
    word
    for listed in stop_words.get_stop_words("norwegian")
    for word in (listed, fold(listed))
)


def is_stop_word(word: str) -> bool:
    return word.lower() in STOP_WORDS


@lru_cache(maxsize=16)
def words(text: str) -> tuple[str, ...]:
    """The words of ``text``. Indexing reads each text part twice (its words
    for the dictionary, then its stems), so the last few answers are kept."""
    return tuple(WORD_RE.findall(normalize(text)))


@lru_cache(maxsize=200_000)
def _indexed(word: str) -> tuple[str, str, tuple[str, ...]]:
    """A word's stem, folded stem and compound parts, as the index takes them."""
    folded = analyse(fold(word), folded=True)
    return stem(word), folded.stem, folded.parts


def analysed(text: str) -> tuple[str, str]:
    """``stemmed`` and ``folded_stemmed`` of the text, in one pass."""
    indexed = [_indexed(word) for word in words(text)]
    folded = [word_folded for _stem, word_folded, _parts in indexed]
    folded += [part for _stem, _folded, parts in indexed for part in parts]
    return " ".join([word_stem for word_stem, _folded, _parts in indexed]), " ".join(
        folded
    )


def stemmed(text: str) -> str:
    """The text as space-separated stems: what the SQLite index stores."""
    return analysed(text)[0]


def folded_stemmed(text: str) -> str:
    """The text as space-separated folded stems, stored beside ``stemmed``,
    then the parts of its compounds: a part finds the whole, in the folded
    columns, which weigh less than the exact ones. The parts come last so
    phrases of the text itself stay word after word."""
    return analysed(text)[1]


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
    # Whether the words were folded (``folded()``): they are then stemmed as
    # the folded index columns are.
    is_folded: bool = False

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
            is_folded=True,
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
        clauses=tuple(tuple(clause) for clause in without_stop_words(clauses)),
        excluded=tuple(excluded),
    )


def _only_stop_words(clause: list[Term]) -> bool:
    return all(not term.is_phrase and is_stop_word(term.words[0]) for term in clause)


def without_stop_words(clauses: list[list[Term]]) -> list[list[Term]]:
    """The clauses without those that are only a stop word ("hvordan søker jeg
    om parkering" needs "søker" and "parkering"); a query of stop words alone
    keeps them all, as ordinary words. Phrases keep their stop words."""
    wanted = [clause for clause in clauses if not _only_stop_words(clause)]
    return wanted or clauses


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
    """A PostgreSQL ``to_tsquery`` expression (``simple`` configuration) of
    the words' stems, as the index columns hold them; the folded stems when
    the query was ``folded()``."""
    word_stem = folded_stem if parsed.is_folded else stem

    def term_sql(term: Term) -> str:
        parts = [f"'{word_stem(word)}'" for word in term.words]
        if term.prefix:
            parts[-1] = f"'{prefix_stem(term.words[-1], word_stem)}':*"
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
    """Whether the word, its folded form or a part of it (a compound) is one
    of the wanted ``stems``, or begins with a wanted prefix (``stem*``)."""
    word_stem, word_folded, parts = _indexed(word)
    if (
        word_stem in stems
        or word_folded in stems
        or any(part in stems for part in parts)
    ):
        return True
    prefixes = tuple(wanted[:-1] for wanted in stems if wanted.endswith("*"))
    return bool(prefixes) and (
        word_stem.startswith(prefixes) or word_folded.startswith(prefixes)
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
