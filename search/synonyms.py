"""Synonyms and abbreviations: a search for one term also finds its equals.

The communication team keeps groups of equivalent terms in the admin
(``SynonymGroup``: "SFO" = "skolefritidsordning", "PPT" = "pedagogisk-psykologisk
tjeneste"). ``expand`` turns a parsed query into one where each term that is in
a group is OR-ed with the other terms of the group; a run of query words that
spells a term of several words is read as that term (as a phrase). Terms are
compared with their letters folded (``search.text.fold``), so "sfo" and "SFO",
"barnehage" and "Barnehage" meet.

It is applied in one place, before any engine sees the query
(``search.selectors.search_run``), as query text the engines parse again
(``to_text``), so the database and Elasticsearch backends both get it. A query
no group touches is passed on exactly as typed. The table is read once and kept
in the cache until a group is saved or deleted (``synonym_table_forget``).
"""

from django.core.cache import cache

from search.models import SynonymGroup
from search.query import SearchQuery
from search.text import ParsedText, Term, fold, parse, words

CACHE_KEY = "search:synonyms:v1"
#: At most this many equivalent terms are added to one term of a query, so a
#: large group cannot make a query slow.
MAX_ADDED = 8
#: Terms longer than this many words are ignored (a query term has at most 8).
MAX_TERM_WORDS = 8

Key = tuple[str, ...]
Table = dict[Key, tuple[Key, ...]]


def _key(term_words: tuple[str, ...]) -> Key:
    return tuple(fold(word) for word in term_words)


def build_table(groups: list[list[str]]) -> Table:
    """Folded term -> the other terms of its groups (as their words)."""
    table: dict[Key, dict[Key, Key]] = {}
    for group in groups:
        terms = [
            tuple(found)
            for term in group
            if (found := words(term)) and len(found) <= MAX_TERM_WORDS
        ]
        by_key = {_key(term): term for term in terms}
        for key in by_key:
            others = table.setdefault(key, {})
            for other_key, other in by_key.items():
                if other_key != key:
                    others.setdefault(other_key, other)
    return {key: tuple(others.values()) for key, others in table.items() if others}


def synonym_table() -> Table:
    """The table of every group, from the cache when it is there."""
    table = cache.get(CACHE_KEY)
    if table is None:
        table = build_table(
            [group.term_list() for group in SynonymGroup.objects.order_by("pk")]
        )
        cache.set(CACHE_KEY, table, timeout=None)
    return table


def synonym_table_forget() -> None:
    """Read the table again at the next search (a group was saved or deleted)."""
    cache.delete(CACHE_KEY)


def _with_added(clause: tuple[Term, ...], added: list[Key]) -> tuple[Term, ...]:
    seen = {_key(term.words) for term in clause}
    terms = list(clause)
    for other in added:
        if len(terms) - len(clause) >= MAX_ADDED:
            break
        if _key(other) not in seen:
            seen.add(_key(other))
            terms.append(Term(other))
    return tuple(terms)


def _single_word(clause: tuple[Term, ...]) -> str | None:
    """The word of a clause that is one plain word, else None."""
    if len(clause) == 1 and not clause[0].is_phrase:
        return clause[0].words[0]
    return None


def expand(parsed: ParsedText, table: Table | None = None) -> ParsedText:
    """``parsed`` with every term that has synonyms OR-ed with them.

    Query words in a row that spell a term of several words ("pedagogisk
    psykologisk tjeneste") become that term as a phrase, OR-ed with its
    synonyms ("PPT"). Excluded terms are left as typed.
    """
    table = synonym_table() if table is None else table
    if not table or not parsed.clauses:
        return parsed
    longest = max(len(key) for key in table)
    clauses = parsed.clauses
    expanded: list[tuple[Term, ...]] = []
    index = 0
    while index < len(clauses):
        run: list[str] = []
        for clause in clauses[index : index + longest]:
            word = _single_word(clause)
            if word is None:
                break
            run.append(word)
        for length in range(len(run), 1, -1):
            key = _key(tuple(run[:length]))
            if key in table:
                expanded.append(_with_added((Term(tuple(run[:length])),), table[key]))
                index += length
                break
        else:
            clause = clauses[index]
            # Words in quotes are asked for as typed: they are not widened.
            added = [
                other
                for term in clause
                if not (term.is_phrase or term.exact)
                for other in table.get(_key(term.words), ())
            ]
            expanded.append(_with_added(clause, added) if added else clause)
            index += 1
    return ParsedText(clauses=tuple(expanded), excluded=parsed.excluded)


def _term_text(term: Term) -> str:
    if term.is_phrase or term.exact or term.words[0] in {"OR", "AND"}:
        return '"' + " ".join(term.words) + '"'
    return term.words[0]


def to_text(parsed: ParsedText) -> str:
    """Query text that ``search.text.parse`` reads back as ``parsed``."""
    parts = [" OR ".join(map(_term_text, clause)) for clause in parsed.clauses]
    parts += ['-"' + " ".join(term.words) + '"' for term in parsed.excluded]
    return " ".join(parts)


def expand_query(query: SearchQuery) -> SearchQuery:
    """The query with its text's synonyms added; the same query when none apply."""
    if not query.text:
        return query
    parsed = parse(query.text)
    expanded = expand(parsed)
    if expanded == parsed:
        return query
    return query.replace(text=to_text(expanded))
