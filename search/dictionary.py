"""The dictionary of indexed words behind typo tolerance and "Mente du …?".

``IndexWord`` holds every lower-cased word of the indexed text (title, intro,
body and the rest) with the number of documents it occurs in. The database
backend keeps it in step with the index: a rebuild counts it afresh, and each
write or removal applies the difference between a document's old and new words.

Privacy: only documents that every signed-in person may read (restriction
``none`` or ``login``) are counted. A word that occurs only in pages restricted
to some groups is not in the dictionary, so it is never offered as a spelling,
shown as "Mente du …?" nor used to widen anyone's search; such a page is still
found by the words typed correctly. When a page becomes restricted or is
removed, its words are subtracted and a word no visible page holds disappears.

Spellings are found with the optimal string alignment distance (Levenshtein
with transpositions, from rapidfuzz) over the ASCII-folded words, allowed to
grow with the word's length (``max_distance``). A typed word and its stem are
also compared with the stems of the indexed words, so a typo in the base form
finds a word the pages only hold inflected ("tømmekalnder": "tømmekalenderen").
The first letter must be right or swapped with the second, as in most spelling
correctors: the lookup then reads one narrow range of the index per length,
however large the dictionary.
"""

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection
from rapidfuzz.distance import OSA

from search import bulk, text
from search.documents import RESTRICTION_LOGIN, RESTRICTION_NONE, SearchDocument
from search.models import IndexWord

# Only words an editor could mean: letters and digits, not one-letter words nor
# the long runs of a pasted identifier.
MIN_WORD = 2
MAX_WORD = 40
# Spellings considered for one word, the most common first, and returned.
MAX_CANDIDATES = 5_000
MAX_SPELLINGS = 5
UPSERT_BATCH = 1_000
# Letters an inflected form may add to its stem ("-ene", "-enes", "-ets").
INFLECTION = 4
PUBLIC = {RESTRICTION_NONE, RESTRICTION_LOGIN}
# The dictionary's columns, as a batch of rows takes them (``search.bulk``).
WORD_COLUMNS = (
    ("word", "varchar"),
    ("folded", "varchar"),
    ("initial", "varchar"),
    ("length", "smallint"),
    ("documents", "integer"),
)


@dataclass(frozen=True)
class Spelling:
    """An indexed word close to a typed one."""

    word: str
    documents: int
    distance: int


def max_distance(length: int) -> int:
    """Edits allowed in a word of ``length`` letters: none up to 3, one up to
    7, two beyond."""
    if length <= 3:
        return 0
    if length <= 7:
        return 1
    return 2


def words_of(parts: Iterable[str]) -> set[str]:
    """The distinct dictionary words of a document's text parts."""
    found = set()
    for part in parts:
        found.update(text.words(part))
    return {
        word.lower()
        for word in found
        if MIN_WORD <= len(word) <= MAX_WORD and not word.isdigit()
    }


def counted_words(restriction: str, parts: Iterable[str]) -> set[str]:
    """The words a document adds to the dictionary: none when restricted."""
    return words_of(parts) if restriction in PUBLIC else set()


def document_words(document: SearchDocument, parts: Sequence[str]) -> set[str]:
    return counted_words(document.restriction, parts)


def apply(changes: Counter) -> None:
    """Add ``changes`` (word -> documents gained, negative when lost)."""
    changes = Counter({word: n for word, n in changes.items() if n})
    if not changes:
        return
    table = connection.ops.quote_name(IndexWord._meta.db_table)
    # On PostgreSQL one statement per batch, its columns as arrays: a rebuild
    # changes thousands of words per batch of pages, and row by row they cost
    # more than the pages' own entries.
    upsert = (
        f"INSERT INTO {table} ({', '.join(name for name, _type in WORD_COLUMNS)}) "  # noqa: S608
        f"{bulk.rows_from(WORD_COLUMNS, vendor=connection.vendor)} "
        f"ON CONFLICT (word) DO UPDATE SET "
        f"documents = {table}.documents + excluded.documents"
    )
    rows = []
    for word, n in sorted(changes.items()):
        folded = text.fold(word)[:60]
        rows.append((word, folded, folded[:1], len(folded), n))
    lost = sorted(word for word, n in changes.items() if n < 0)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_BATCH):
            bulk.write(cursor, upsert, rows[start : start + UPSERT_BATCH])
        for start in range(0, len(lost), UPSERT_BATCH):
            chunk = lost[start : start + UPSERT_BATCH]
            cursor.execute(
                f"DELETE FROM {table} WHERE documents <= 0 AND word IN "  # noqa: S608
                f"({', '.join(['%s'] * len(chunk))})",
                chunk,
            )


def clear() -> None:
    everything = IndexWord.objects.all()
    everything._raw_delete(everything.db)


def spellings(word: str, *, limit: int = MAX_SPELLINGS) -> list[Spelling]:
    """Indexed words within the allowed distance of ``word`` (not the word
    itself nor its other spellings that fold alike), nearest and then most
    common first."""
    folded = text.fold(word)
    allowed = max_distance(len(folded))
    if not allowed or len(folded) > MAX_WORD:
        return []
    swapped = folded[1] + folded[0]
    rows = list(
        IndexWord.objects.filter(
            initial__in={folded[0], folded[1]},
            length__gte=len(folded) - allowed,
            length__lte=len(folded) + allowed + INFLECTION,
        )
        .exclude(folded=folded)
        .order_by("-documents")
        .values_list("word", "folded", "documents")[:MAX_CANDIDATES]
    )
    own_stem = text.folded_stem(word)
    found = []
    for candidate, candidate_folded, documents in rows:
        if candidate_folded[0] != folded[0] and not candidate_folded.startswith(
            swapped
        ):
            continue
        candidate_stem = text.folded_stem(candidate)
        if candidate_stem == own_stem:
            continue
        distance = min(
            OSA.distance(folded, candidate_folded, score_cutoff=allowed + 1),
            OSA.distance(folded, candidate_stem, score_cutoff=allowed + 1),
            OSA.distance(own_stem, candidate_stem, score_cutoff=allowed + 1)
            if max_distance(len(own_stem))
            else allowed + 1,
        )
        if distance <= allowed:
            found.append(Spelling(candidate, documents, distance))
    found.sort(key=lambda spelling: (spelling.distance, -spelling.documents))
    # One spelling per stem: "barnehage" and "barnehagen" search alike.
    unique: dict[str, Spelling] = {}
    for spelling in found:
        unique.setdefault(text.folded_stem(spelling.word), spelling)
    return list(unique.values())[:limit]


class Deadline:
    """A time budget shared by the lookups of one search."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    @property
    def passed(self) -> bool:
        return time.monotonic() >= self.end


def respell(typed: str, replacements: dict[str, str], *, pin: bool = False) -> str:
    """The typed query text with the words in ``replacements`` (lower-cased)
    replaced, or with ``pin`` put in quotes so they are searched as typed.
    Quoted phrases and excluded words are left as they are."""

    def token(match) -> str:
        bare = match.group(3)
        if bare is None or bare.startswith("-") or bare.endswith("*"):
            return match.group()

        def word(found) -> str:
            typed_word = found.group()
            new = replacements.get(typed_word.lower())
            if new is None:
                return typed_word
            if pin:
                return f' "{typed_word}" '
            return new.capitalize() if typed_word[:1].isupper() else new

        return text.WORD_RE.sub(word, bare)

    return " ".join(text.QUERY_TOKEN_RE.sub(token, text.normalize(typed)).split())
