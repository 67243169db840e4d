"""What someone searches for, as one small immutable value.

``SearchQuery`` is shared by the search page, subscriptions ("follow this
search"), personal feeds and the showcase. It round-trips through GET parameters
and JSON. Parsing never raises: values that make no sense are dropped and
described in Norwegian notices the page can show.
"""

import dataclasses
import datetime
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext as _

from intranet.core.numbers import is_digits, small_number
from search.searchable import content_types
from search.text import normalize, parse

THEMES = ("innovation", "competence")
SORTS = ("relevance", "newest")

MAX_TEXT_LENGTH = 200
MAX_VALUES = 20
MAX_PAGE = 500
MIN_YEAR, MAX_YEAR = 1900, 2999


SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,120}$")
USERNAME_RE = re.compile(r"^[\w.@+-]{1,150}$")
TAG_MAX_LENGTH = 100

# GET parameter name -> field name, in the order they are written out.
PARAMETERS = {
    "q": "text",
    "type": "types",
    "unit": "units",
    "topic": "topics",
    "theme": "themes",
    "tag": "tags",
    "year": "years",
    "case": "case",
    "person": "person",
    "from": "date_from",
    "to": "date_to",
    "sort": "sort",
    "page": "page",
}
FIELD_PARAMETERS = {field: name for name, field in PARAMETERS.items()}


def clean_text(value: str) -> str:
    """Drop control and unpaired surrogate characters and soft hyphens; NFC;
    collapse whitespace."""
    value = normalize(value)
    value = "".join(
        " "
        if unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn", "Zl", "Zp"}
        else char
        for char in value
    )
    return " ".join(value.split())


@dataclass(frozen=True)
class SearchQuery:
    """A search: free text, filters, sort order and page.

    Within one filter the values are alternatives (OR); different filters must
    all hold (AND). Multi-valued fields are sorted tuples, so equal searches are
    equal values.
    """

    text: str = ""
    types: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    case: int | None = None
    person: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: str = "relevance"
    page: int = 1

    # Parsing ---------------------------------------------------------------

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> tuple["SearchQuery", list[str]]:
        """Build a query from GET-like data; return it and notices about dropped input.

        ``data`` is a ``QueryDict`` or a plain mapping whose values are strings or
        lists of strings.
        """
        notices: list[str] = []

        def values(name: str) -> list[str]:
            if isinstance(data, QueryDict):
                raw = data.getlist(name)
            else:
                raw = data.get(name, [])
                if isinstance(raw, str | int):
                    raw = [raw]
                elif not isinstance(raw, list | tuple):
                    raw = []
            cleaned = []
            for value in raw:
                if value is None:
                    continue
                try:
                    cleaned.append(clean_text(str(value)))
                except ValueError:
                    # An int of thousands of digits (stored JSON) has no str().
                    cleaned.append("?")
            return cleaned

        def single(name: str) -> str:
            found = [value for value in values(name) if value]
            return found[-1] if found else ""

        def choose(name, allowed, message) -> tuple[str, ...]:
            chosen = set()
            for value in values(name):
                if not value:
                    continue
                if value in allowed:
                    chosen.add(value)
                else:
                    notices.append(message % {"value": value[:40]})
            return tuple(sorted(chosen))

        def matching(name, pattern, message, *, lower=True) -> tuple[str, ...]:
            chosen = set()
            for value in values(name):
                if not value:
                    continue
                if pattern(value):
                    chosen.add(value.lower() if lower else value)
                else:
                    notices.append(message % {"value": value[:40]})
            if len(chosen) > MAX_VALUES:
                notices.append(
                    _("Only the first %(count)d choices of a filter are used.")
                    % {"count": MAX_VALUES}
                )
            return tuple(sorted(chosen)[:MAX_VALUES])

        text = single("q")
        if len(text) > MAX_TEXT_LENGTH:
            text = text[:MAX_TEXT_LENGTH].rstrip()
            notices.append(
                _("The search text was shortened to %(count)d characters.")
                % {"count": MAX_TEXT_LENGTH}
            )

        types = choose("type", content_types(), _("Unknown content type “%(value)s”."))
        themes = choose("theme", THEMES, _("Unknown positioning theme “%(value)s”."))
        # Slugs are kept as written: a unit's slug may have capitals.
        units = matching(
            "unit",
            SLUG_RE.match,
            _("“%(value)s” is not a valid unit."),
            lower=False,
        )
        topics = matching(
            "topic",
            SLUG_RE.match,
            _("“%(value)s” is not a valid topic."),
            lower=False,
        )
        tags = matching(
            "tag",
            lambda value: len(value) <= TAG_MAX_LENGTH,
            _("The tag “%(value)s…” is too long."),
        )

        years = set()
        for value in values("year"):
            if not value:
                continue
            year = small_number(value)
            if year is not None and MIN_YEAR <= year <= MAX_YEAR:
                years.add(year)
            else:
                notices.append(_("“%(value)s” is not a year.") % {"value": value[:40]})

        case = None
        if raw_case := single("case"):
            number = small_number(raw_case)
            if number is not None and 0 < number < 2**63:
                case = number
            else:
                notices.append(
                    _("“%(value)s” is not a valid case.") % {"value": raw_case[:40]}
                )

        person = ""
        if raw_person := single("person"):
            if USERNAME_RE.match(raw_person):
                person = raw_person
            else:
                notices.append(
                    _("“%(value)s” is not a valid person.") % {"value": raw_person[:40]}
                )

        def date_value(name: str, label: str) -> datetime.date | None:
            raw = single(name)
            if not raw:
                return None
            try:
                value = datetime.date.fromisoformat(raw)
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
                    raise ValueError(raw)
            except ValueError:
                notices.append(
                    _("%(label)s “%(value)s” is not a date in the form YYYY-MM-DD.")
                    % {"label": label, "value": raw[:40]}
                )
                return None
            if not MIN_YEAR <= value.year <= MAX_YEAR:
                notices.append(
                    _("%(label)s “%(value)s” is out of range.")
                    % {"label": label, "value": raw}
                )
                return None
            return value

        date_from = date_value("from", _("The from date"))
        date_to = date_value("to", _("The to date"))
        if date_from and date_to and date_from > date_to:
            date_from, date_to = date_to, date_from
            notices.append(_("The from and to dates were swapped."))

        sort = single("sort") or "relevance"
        if sort not in SORTS:
            notices.append(_("Unknown sort order “%(value)s”.") % {"value": sort[:40]})
            sort = "relevance"

        page = 1
        if raw_page := single("page"):
            number = small_number(raw_page)
            if number is None and is_digits(raw_page):
                number = MAX_PAGE + 1  # a page number of many digits: the last
            if number is not None and number >= 1:
                page = number
                if page > MAX_PAGE:
                    notices.append(
                        _("Only the first %(count)d pages can be shown.")
                        % {"count": MAX_PAGE}
                    )
                    page = MAX_PAGE
            else:
                notices.append(
                    _("“%(value)s” is not a page number; showing the first page.")
                    % {"value": raw_page[:40]}
                )

        query = cls(
            text=text,
            types=types,
            units=units,
            topics=topics,
            themes=themes,
            tags=tags,
            years=tuple(sorted(years))[:MAX_VALUES],
            case=case,
            person=person,
            date_from=date_from,
            date_to=date_to,
            sort=sort,
            page=page,
        )
        return query, notices

    @classmethod
    def from_querydict(cls, data: Mapping[str, Any]) -> "SearchQuery":
        """The query in GET parameters, ignoring invalid values."""
        return cls.parse(data)[0]

    @classmethod
    def from_json(cls, data: str | Mapping[str, Any]) -> "SearchQuery":
        """The query stored by ``to_json`` (a dict or its JSON text)."""
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                data = {}
        if not isinstance(data, Mapping):
            data = {}
        return cls.from_querydict(
            {
                name: value if isinstance(value, list) else [value]
                for name, value in data.items()
                if name in PARAMETERS and value is not None
            }
        )

    # Serialising ----------------------------------------------------------

    def items(self) -> list[tuple[str, str]]:
        """(GET name, value) pairs of everything that differs from the default."""
        pairs: list[tuple[str, str]] = []
        defaults = SearchQuery()
        for name, field_name in PARAMETERS.items():
            value = getattr(self, field_name)
            if value == getattr(defaults, field_name):
                continue
            if isinstance(value, tuple):
                pairs.extend((name, str(item)) for item in value)
            elif isinstance(value, datetime.date):
                pairs.append((name, value.isoformat()))
            else:
                pairs.append((name, str(value)))
        return pairs

    def to_querydict(self) -> QueryDict:
        data = QueryDict(mutable=True)
        for name, value in self.items():
            data.appendlist(name, value)
        data._mutable = False
        return data

    def urlencode(self) -> str:
        return urlencode(self.items())

    def to_json(self) -> dict[str, Any]:
        """A JSON-compatible dict (e.g. for a JSONField) of the non-default values."""
        data: dict[str, Any] = {}
        for name, value in self.items():
            field_name = PARAMETERS[name]
            if isinstance(getattr(self, field_name), tuple):
                data.setdefault(name, []).append(value)
            else:
                data[name] = value
        return data

    # Deriving -------------------------------------------------------------

    def replace(self, **changes: Any) -> "SearchQuery":
        return dataclasses.replace(self, **changes)

    def with_page(self, page: int) -> "SearchQuery":
        return self.replace(page=page)

    def toggled(self, name: str, value: str | int) -> "SearchQuery":
        """This query with one value of a multi-valued filter added or removed."""
        field_name = PARAMETERS[name]
        current = set(getattr(self, field_name))
        current ^= {value}
        return self.replace(**{field_name: tuple(sorted(current)), "page": 1})

    def without(self, name: str, value: str | int | None = None) -> "SearchQuery":
        """This query without one filter value (or the whole filter), on page 1."""
        field_name = PARAMETERS[name]
        current = getattr(self, field_name)
        if isinstance(current, tuple) and value is not None:
            new = tuple(item for item in current if item != value)
        else:
            new = getattr(SearchQuery(), field_name)
        return self.replace(**{field_name: new, "page": 1})

    @property
    def has_filters(self) -> bool:
        return any(
            getattr(self, field_name) != getattr(SearchQuery(), field_name)
            for field_name in PARAMETERS.values()
            if field_name not in {"text", "sort", "page"}
        )

    @property
    def has_searchable_text(self) -> bool:
        """Whether the text holds a word to look for or to leave out (an emoji,
        a lone quote or ``*`` holds none)."""
        parsed = parse(self.text)
        return bool(parsed or parsed.excluded)

    @property
    def is_empty(self) -> bool:
        """Nothing to search for: answered with the start page, never with the
        whole intranet."""
        return not self.has_filters and not self.has_searchable_text
