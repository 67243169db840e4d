"""Suggestions as people type in the header's search box.

The rule every function keeps: a suggestion is something the person may open.
Pages and cases come from the database index through the same access filter as
search itself (view restrictions, private pages), people only while their user
is active. Words match at their start, in any order, without regard to case or
to Norwegian letters ("sor" finds "Sørum", "Haaland" finds "Håland"). A request
costs the same few queries whatever the number of documents: the titles' words
have their own prefix index (migration 0010).
"""

from dataclasses import asdict, dataclass, field

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.translation import gettext as _

from intranet.core.models import Topic, Unit
from search import text
from search.backends import database_backend
from search.models import IndexEntry
from search.searchable import content_type_labels

#: Fewer letters than this give no suggestions.
MIN_LETTERS = 2
#: Only this much of what was typed is read, and at most this many words of it.
MAX_QUERY_LENGTH = 100
MAX_WORDS = 6
#: How many of each kind are suggested.
LIMITS = {"pages": 5, "people": 3, "units": 3, "topics": 3, "cases": 3}
#: The newest matching pages from which the best are picked.
CANDIDATES = 20
#: On SQLite, the newest titles (by page id) that match what was typed, before
#: the access filter: a bound on the work, whether two letters match half the
#: index or one page. The visible pages and cases among them are suggested.
TITLE_MATCHES = 100

SUGGEST_FTS = "search_suggest_fts"


@dataclass(frozen=True)
class Suggestion:
    label: str
    url: str
    detail: str = ""


@dataclass
class SuggestionGroup:
    key: str
    label: str
    items: list[Suggestion] = field(default_factory=list)


def suggest_words(query: str) -> list[str]:
    """The folded words of what was typed that are long enough to match."""
    query = text.normalize(query[:MAX_QUERY_LENGTH].replace("\x00", ""))
    found = [
        word[: text.MAX_WORD_LENGTH]
        for word in text.words(text.fold(query))
        if len(word) >= MIN_LETTERS
    ]
    return list(dict.fromkeys(found))[:MAX_WORDS]


def suggestions(*, query: str, user) -> list[SuggestionGroup]:
    """The non-empty groups of suggestions for what the user typed so far."""
    words = suggest_words(query)
    if not words or user is None or not user.is_authenticated:
        return []
    groups = [
        SuggestionGroup("pages", _("Pages"), _pages(words, user, cases=False)),
        SuggestionGroup("people", _("People"), _people(query, words)),
        SuggestionGroup("units", _("Units"), _units(words)),
        SuggestionGroup("topics", _("Topics"), _topics(words)),
        SuggestionGroup("cases", _("Cases"), _pages(words, user, cases=True)),
    ]
    return [group for group in groups if group.items]


def as_json(groups: list[SuggestionGroup]) -> list[dict]:
    return [asdict(group) for group in groups]


def _title_match(queryset: QuerySet, words: list[str]) -> QuerySet:
    """Entries whose title has a word starting with each of ``words``."""
    if connection.vendor == "sqlite":
        expression = " AND ".join(f'"{word}"*' for word in words)
        matching = RawSQL(  # noqa: S611 - constant SQL, words as parameters
            f"SELECT rowid FROM {SUGGEST_FTS} WHERE {SUGGEST_FTS} MATCH %s "  # noqa: S608
            "ORDER BY rowid DESC LIMIT %s",
            [f"title : ({expression})", TITLE_MATCHES],
        )
        return queryset.filter(page_id__in=matching)
    if connection.vendor == "postgresql":
        return queryset.filter(
            RawSQL(
                "search_suggest @@ to_tsquery('simple'::regconfig, %s)",
                [" & ".join(f"'{word}':*" for word in words)],
                output_field=BooleanField(),
            )
        )
    condition = Q()
    for word in words:
        condition &= Q(title__icontains=word)
    return queryset.filter(condition)


def _rank(label: str, words: list[str]) -> tuple[int, int]:
    """Titles and names that start with the first word typed come first, then
    those where every word typed starts a word, shorter before longer."""
    folded = text.words(text.fold(label))
    starts = 0 if folded and folded[0].startswith(words[0]) else 1
    every = all(any(part.startswith(word) for part in folded) for word in words)
    return (starts + (0 if every else 2), len(label))


def _pages(words: list[str], user, *, cases: bool) -> list[Suggestion]:
    backend = database_backend()
    entries = (
        IndexEntry.objects.filter(content_type="case")
        if cases
        else (IndexEntry.objects.exclude(content_type="case"))
    )
    entries = _title_match(backend._visible(entries, user), words)
    rows = list(
        entries.order_by("-published", "-page_id").values_list(
            "title", "url", "content_type"
        )[:CANDIDATES]
    )
    labels = content_type_labels()
    rows.sort(key=lambda row: _rank(row[0], words))
    return [
        Suggestion(title, url, "" if cases else str(labels.get(kind, "")))
        for title, url, kind in rows[: LIMITS["cases" if cases else "pages"]]
    ]


def _name_variants(word: str) -> set[str]:
    """How a name may start: as typed, and with "oe", "ae", "aa" as the
    Norwegian letters they stand for (names are not folded in the database).
    SQLite compares only ASCII letters without regard to case, so a word that
    starts with another letter is also tried with a capital."""
    norwegian = word.replace("oe", "ø").replace("ae", "æ").replace("aa", "å")
    variants = {word, norwegian}
    return variants | {
        variant.capitalize() for variant in variants if not variant[0].isascii()
    }


def _people(query: str, words: list[str]) -> list[Suggestion]:
    typed = [
        word.lower()
        for word in text.words(query[:MAX_QUERY_LENGTH].replace("\x00", ""))
        if len(word) >= MIN_LETTERS
    ][:MAX_WORDS]
    if not typed:
        return []
    people = get_user_model().objects.filter(is_active=True)
    for word in typed:
        either = Q()
        for start in _name_variants(word):
            either |= (
                Q(first_name__istartswith=start)
                | Q(last_name__istartswith=start)
                | Q(first_name__icontains=f" {start}")
                | Q(last_name__icontains=f" {start}")
                | Q(last_name__icontains=f"-{start}")
            )
        people = people.filter(either)
    rows = list(
        people.order_by("last_name", "first_name", "username").values_list(
            "username", "first_name", "last_name", "profile__job_title"
        )[:CANDIDATES]
    )
    found = [
        (f"{first} {last}".strip() or username, username, job_title or "")
        for username, first, last, job_title in rows
    ]
    found.sort(key=lambda person: _rank(person[0], words))
    return [
        Suggestion(name, reverse("people:person", args=[username]), job_title)
        for name, username, job_title in found[: LIMITS["people"]]
    ]


def _named(rows, words: list[str], limit: int) -> list:
    """The rows (name first) whose name has a word starting with each word."""
    matching = []
    for row in rows:
        parts = text.words(text.fold(row[0]))
        if all(any(part.startswith(word) for part in parts) for word in words):
            matching.append(row)
    matching.sort(key=lambda row: (_rank(row[0], words), row[0]))
    return matching[:limit]


def _units(words: list[str]) -> list[Suggestion]:
    # A municipality has hundreds of units at most: folding their names here
    # costs less than keeping a folded copy in step.
    rows = Unit.objects.values_list("name", "slug", "parent__name")
    return [
        Suggestion(name, reverse("people:unit", args=[slug]), sector or "")
        for name, slug, sector in _named(rows, words, LIMITS["units"])
    ]


def _topics(words: list[str]) -> list[Suggestion]:
    rows = Topic.objects.values_list("name", "slug")
    return [
        Suggestion(name, reverse("subscriptions:topic", args=[slug]))
        for name, slug in _named(rows, words, LIMITS["topics"])
    ]
