"""Finding colleagues by name, for the people picker.

The rule every function keeps: only active people are offered or accepted, and
a person is written as `person_label` shows them, "Full Name (username)", so
what the picker suggests is exactly what resolves to one person. A name typed
by hand resolves too when it is unambiguous: a full name or a username, in any
case, optionally followed by a unit or a username in brackets.

Reads are bounded, whatever the size of the municipality: the endpoint returns
at most `MAX_SUGGESTIONS` people, and a form resolves at most `MAX_NAMES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Concat, Lower, Trim

#: At most this many suggestions per request (a phone shows a handful).
MAX_SUGGESTIONS = 20
#: At most this many names in one field.
MAX_NAMES = 20
#: Candidates offered for a name that matched no one or several.
MAX_CANDIDATES = 5
#: Shorter queries suggest nobody: two letters already narrow 3,000 people.
MIN_QUERY_LENGTH = 2

_BRACKETED = re.compile(r"^(?P<name>.*?)\s*\((?P<hint>[^()]*)\)\s*$")
_SEPARATORS = re.compile(r"[\n,;]+")


def people() -> QuerySet:
    """Everyone who may be chosen, with what their label shows."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .select_related("profile__unit")
        .order_by("first_name", "last_name", "username")
    )


def person_name(user) -> str:
    return user.get_full_name() or user.get_username()


def person_unit(user) -> str:
    profile = getattr(user, "profile", None)
    unit = getattr(profile, "unit", None)
    return unit.name if unit else ""


def person_label(user) -> str:
    """How a chosen person is written in the field: it resolves to them alone."""
    return f"{person_name(user)} ({user.get_username()})"


def person_description(user) -> str:
    """The label with the unit, as candidates are offered in a message."""
    unit = person_unit(user)
    return f"{person_label(user)}, {unit}" if unit else person_label(user)


def people_matching(*, query: str, limit: int = MAX_SUGGESTIONS) -> list:
    """People whose name, username or unit contains every word of `query`."""
    words = query.split()[:5]
    if len(query.strip()) < MIN_QUERY_LENGTH or not words:
        return []
    condition = reduce(
        and_,
        (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
            | Q(profile__unit__name__icontains=word)
            for word in words
        ),
    )
    return list(people().filter(condition)[:limit])


def split_names(text: str) -> list[str]:
    """The names in a field: one per line or separated by commas."""
    return [name.strip() for name in _SEPARATORS.split(text or "") if name.strip()]


@dataclass
class Resolution:
    """What the names in a field came to: people, and the names that did not."""

    people: list = field(default_factory=list)
    #: name -> the people it may have meant (empty: no one like it)
    unknown: dict[str, list] = field(default_factory=dict)
    #: name -> the people of that name (more than one)
    ambiguous: dict[str, list] = field(default_factory=dict)
    #: people written more than once
    repeated: list = field(default_factory=list)


def people_resolve(names: list[str]) -> Resolution:
    """Resolve each written name to one person (see the module docstring)."""
    parsed = [_parse(name) for name in names[:MAX_NAMES]]
    # A bracketed hint may be a username: looked up too, so a label the
    # picker offered still resolves after the person's name was changed.
    keys = {key for key, _hint in parsed} | {hint for _key, hint in parsed if hint}
    found: dict[str, list] = {key: [] for key in keys}
    if keys:
        for user in _named(keys):
            for key in {user.full_name_key, user.username_key} & keys:
                found[key].append(user)
    result = Resolution()
    seen: set[int] = set()
    for name, (key, hint) in zip(names, parsed, strict=False):
        matches = _narrow(found[key], hint) or [
            user for user in found.get(hint, []) if user.username_key == hint
        ]
        if len(matches) == 1:
            person = matches[0]
            if person.pk in seen:
                result.repeated.append(person)
            else:
                seen.add(person.pk)
                result.people.append(person)
        elif matches:
            result.ambiguous[name] = matches[:MAX_CANDIDATES]
        else:
            result.unknown[name] = _alike(key)
    return result


def _parse(name: str) -> tuple[str, str]:
    """The lower-cased name and the bracketed hint (a username or a unit)."""
    bracketed = _BRACKETED.match(name)
    if bracketed and bracketed.group("name"):
        return (
            " ".join(bracketed.group("name").split()).lower(),
            bracketed.group("hint").strip().lower(),
        )
    return " ".join(name.split()).lower(), ""


def _named(keys: set[str]) -> QuerySet:
    return (
        people()
        .annotate(
            full_name_key=Lower(Trim(Concat("first_name", Value(" "), "last_name"))),
            username_key=Lower("username"),
        )
        .filter(Q(full_name_key__in=keys) | Q(username_key__in=keys))
    )


def _narrow(users: list, hint: str) -> list:
    if not hint:
        return users
    narrowed = [
        user
        for user in users
        if hint in (user.get_username().lower(), person_unit(user).lower())
    ]
    # A hint that fits no one (a unit renamed since) does not hide the name's
    # people: one is taken, several are offered.
    return narrowed or users


def _alike(key: str) -> list:
    """People the writer may have meant: every word, else any word, matches."""
    candidates = people_matching(query=key, limit=MAX_CANDIDATES)
    if candidates:
        return candidates
    words = [word for word in key.split() if len(word) >= MIN_QUERY_LENGTH][:5]
    if not words:
        return []
    condition = reduce(
        or_,
        (
            Q(first_name__icontains=word) | Q(last_name__icontains=word)
            for word in words
        ),
    )
    return list(people().filter(condition)[:MAX_CANDIDATES])
