"""Reads for the people pages: the directory and a person's profile.

The rule every function keeps: only active people are listed or shown, and an
optional field a person has hidden is left out for everyone else (the profile's
`visible_to_others`; `profile_facts` is where the pages ask it). Each read costs
the same few queries whatever the number of people.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from intranet.core.models import (
    DIRECTORY_SCOPE,
    Competence,
    ProfileField,
    StaffProfile,
    Topic,
    Unit,
)
from intranet.core.selectors import (
    cache_key,
    chosen_languages,
    scope_version,
    units_and_topics,
)
from search import selectors as search_selectors
from search.query import SearchQuery
from search.text import fold
from search.text import words as text_words

#: Norwegian alphabetical order, for browsing the directory by letter.
LETTERS = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ")
#: At most this many words of a directory search are used.
MAX_QUERY_WORDS = 5
#: How long whom a text finds among people is kept at most (`people_named`).
NAMED_SECONDS = 60 * 60


#: The order people are listed in.
PEOPLE_ORDER = ("last_name", "first_name", "username")


def people_listed() -> QuerySet:
    """Active people with all their directory row shows, in one or two queries."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .select_related("profile__unit__parent", "profile__photo")
        .prefetch_related(
            Prefetch(
                "profile__competences", queryset=Competence.objects.order_by("name")
            ),
            "profile__photo__renditions",
        )
        .order_by(*PEOPLE_ORDER)
    )


def directory_search(
    *,
    query: str = "",
    unit: Unit | None = None,
    sector: Unit | None = None,
    competence: Competence | None = None,
    letter: str = "",
) -> QuerySet:
    """People matching every word of `query` in their name, title or (visible)
    competence, within the unit, sector and competence chosen, whose last name
    (or first name, when there is none) starts with `letter`.

    Each place a word may be in is read once, as a set of people (the search
    page asks this of every text search): tested per person, the competences
    were joined once for each of the municipality's people."""
    people = people_listed()
    for word in query.split()[:MAX_QUERY_WORDS]:
        people = people.filter(
            Q(pk__in=_people_where(first_name__icontains=word))
            | Q(pk__in=_people_where(last_name__icontains=word))
            | Q(pk__in=_profiles_where(job_title__icontains=word))
            | Q(pk__in=_profiles_showing_competence(name__icontains=word))
        )
    if unit is not None:
        people = people.filter(Q(profile__unit=unit) | Q(profile__unit__parent=unit))
    if sector is not None:
        people = people.filter(
            Q(profile__unit=sector) | Q(profile__unit__parent=sector)
        )
    if competence is not None:
        people = people.filter(pk__in=_profiles_showing_competence(pk=competence.pk))
    if letter:
        people = people.filter(
            Q(last_name__istartswith=letter)
            | Q(last_name="", first_name__istartswith=letter)
        )
    return people


def people_named(*, query: str, limit: int) -> tuple[list[int], int]:
    """The first `limit` people `directory_search` finds for a text, in its
    order, as primary keys, and how many it finds (counted only when there
    may be more): what the search page asks of every text search, where most
    words name nobody. Reading ids alone lets the database test the words
    without joining every person's profile, unit and photo first; kept until
    what it tests changes for someone."""

    def read() -> tuple[list[int], int]:
        matching = directory_search(query=query).select_related(None)
        matching = matching.prefetch_related(None).values_list("pk", flat=True)
        first = list(matching[:limit])
        return first, (len(first) if len(first) < limit else matching.count())

    # The same for everyone, until whom a word finds changes (the names,
    # titles and competences it tests: `DIRECTORY_SCOPE`); each of the words
    # is tested against every person (3,000: about 5 ms a search).
    key = cache_key(("people-named", scope_version(DIRECTORY_SCOPE), limit, query))
    return cache.get_or_set(key, read, timeout=NAMED_SECONDS)


def _people_where(**lookup) -> QuerySet:
    return get_user_model().objects.filter(**lookup).values("pk")


def _profiles_where(**lookup) -> QuerySet:
    return StaffProfile.objects.filter(**lookup).values("user_id")


def _profiles_showing_competence(**lookup) -> QuerySet:
    """The people whose profile shows a competence matching `lookup`. The
    visibility test is on each profile itself: a shared competence that
    someone else hides must still find this person."""
    lookup = {f"competences__{name}": value for name, value in lookup.items()}
    return (
        StaffProfile.objects.filter(**lookup)
        .exclude(hidden_fields__contains=ProfileField.COMPETENCES.value)
        .values("user_id")
    )


@dataclass(frozen=True)
class ProfileFacts:
    """The optional fields of a profile that a viewer may see, by name."""

    shown: frozenset[str]
    hidden_from_others: frozenset[str] = field(default_factory=frozenset)

    def __getitem__(self, name: str) -> bool:
        # Templates look up `facts.mobile` as a key first; other names are
        # attributes (`facts.hidden_from_others`).
        if name not in ProfileField.values:
            raise KeyError(name)
        return name in self.shown


def profile_facts(
    *, profile: StaffProfile | None, viewer: AbstractBaseUser
) -> ProfileFacts:
    """Which optional fields `viewer` sees: all of their own, others' visible ones."""
    every = frozenset(ProfileField.values)
    if profile is None:
        return ProfileFacts(shown=frozenset())
    hidden = frozenset(name for name in every if not profile.visible_to_others(name))
    if profile.user_id == viewer.pk:
        return ProfileFacts(shown=every, hidden_from_others=hidden)
    return ProfileFacts(shown=every - hidden)


def recent_documents(*, query: SearchQuery, user: AbstractBaseUser, limit: int) -> list:
    """The newest search documents for `query` that `user` may see."""
    results, _notices = search_selectors.search_run(
        query=query.replace(sort="newest"), user=user
    )
    return [hit.document for hit in results.hits[:limit]]


def competences_in_use(*, limit: int | None = None) -> QuerySet:
    """Competences some active person shows, for the directory's filter and the
    edit page's hint; one that only hidden profiles hold is never named."""
    shown = Competence.objects.filter(
        Exists(
            StaffProfile.objects.filter(
                competences=OuterRef("pk"), user__is_active=True
            ).exclude(hidden_fields__contains=ProfileField.COMPETENCES.value)
        )
    ).order_by("name")
    return shown[:limit] if limit else shown


def unit_tree() -> list[tuple[Unit, list[Unit]]]:
    """Each sector with its units, every one counting its active people; two
    queries whatever the size of the organisation."""
    units = Unit.objects.annotate(
        people_count=Count("staff", filter=Q(staff__user__is_active=True))
    ).order_by("name")
    children: dict[int, list[Unit]] = {}
    sectors = []
    for unit in units:
        if unit.parent_id is None:
            sectors.append(unit)
        else:
            children.setdefault(unit.parent_id, []).append(unit)
    return [(sector, children.get(sector.pk, [])) for sector in sectors]


def unit_people(*, unit: Unit) -> QuerySet:
    """The unit's active people (a sector's: those of its units too)."""
    return people_listed().filter(Q(profile__unit=unit) | Q(profile__unit__parent=unit))


def unit_leaders(*, unit: Unit) -> list:
    return list(
        people_listed()
        .filter(led_units=unit)
        .prefetch_related(None)
        .select_related("profile__unit", "profile__photo")
    )


def may_correct(*, viewer: AbstractBaseUser, person: AbstractBaseUser) -> bool:
    """Whether `viewer` may correct `person`'s name, title and unit: the
    communication team (who keep profiles right) and the leaders of the
    person's unit or of its sector."""
    if not viewer.is_active:
        return False
    if viewer.has_perm("core.change_staffprofile"):
        return True
    unit = Unit.objects.filter(staff__user=person).values("pk", "parent_id").first()
    if unit is None:
        return False
    led = {unit["pk"], unit["parent_id"]} - {None}
    return Unit.objects.filter(pk__in=led, leaders=viewer).exists()


#: At most this many units, and this many topics, above the search results.
SEARCH_VOCABULARY = 5


def _names(words: list[str], name: str) -> bool:
    """Whether every word starts a word of ``name`` (both folded)."""
    name_words = [fold(word) for word in text_words(name)]
    return all(
        any(name_word.startswith(word) for name_word in name_words) for word in words
    )


def units_and_topics_named(*, text: str) -> tuple[list[Unit], list[Topic]]:
    """The units and topics a search names: each word of it (letters folded,
    so "sorum" names "Sørum") starts a word of their name; at least one word
    of two letters or more. Both lists are short, so they are kept whole
    (`units_and_topics`)."""
    words = [fold(word) for word in text_words(text)][:MAX_QUERY_WORDS]
    if not words or all(len(word) < 2 for word in words):
        return [], []
    every_unit, every_topic = units_and_topics()
    units = [unit for unit in every_unit if _names(words, unit.name)]
    topics = [topic for topic in every_topic if _names(words, topic.name)]
    return units[:SEARCH_VOCABULARY], topics[:SEARCH_VOCABULARY]


def person_language(*, user: AbstractBaseUser) -> str:
    """The interface language the person chose, or "" if they never chose one
    (`intranet.core.selectors.chosen_languages`)."""
    return chosen_languages([user.pk]).get(user.pk, "")
