"""Reads for the search page: running a search and labelling its facets."""

import logging
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from intranet.core.models import PositioningTheme, story_page_models
from intranet.core.page_access import visible_to
from intranet.core.selectors import units_and_topics
from search.backends import database_backend, get_backend
from search.backends.base import FACETS, SearchResults, SearchUnavailable
from search.query import SearchQuery
from search.searchable import content_type_labels
from search.synonyms import expand_query

logger = logging.getLogger(__name__)

FACET_LEGENDS = {
    "type": gettext_lazy("Content type"),
    "unit": gettext_lazy("Unit"),
    "topic": gettext_lazy("Topic"),
    "theme": gettext_lazy("Positioning theme"),
    "year": gettext_lazy("Year"),
}
QUERY_FIELDS = {
    "type": "types",
    "unit": "units",
    "topic": "topics",
    "theme": "themes",
    "year": "years",
}


def search_run(*, query: SearchQuery, user) -> tuple[SearchResults, list[str]]:
    """Results from the active engine, or from the database when it is down.

    The engines get the query with its synonyms added (``search.synonyms``).
    """
    expanded = expand_query(query)
    try:
        results, notices = get_backend().search(expanded, user), []
    except SearchUnavailable as exc:
        logger.warning("Search engine unavailable, using the database: %s", exc)
        notice = _(
            "The search engine is unavailable right now. These results come from "
            "the simpler backup search and may be less precise."
        )
        results, notices = database_backend().search(expanded, user), [notice]
    if expanded is not query:
        # A suggestion for the expanded text would offer "x OR y" back.
        results.suggestion = None
    return results, notices


@dataclass
class Labels:
    """Names for facet values: units (with their sector) and topics; and the
    title of the chosen case once `known_case` has let it through."""

    units: dict[str, str] = field(default_factory=dict)
    topics: dict[str, str] = field(default_factory=dict)
    cases: dict[int, str] = field(default_factory=dict)

    def label(self, facet: str, value: str) -> str:
        if facet == "type":
            return str(content_type_labels().get(value, value))
        if facet == "unit":
            return self.units.get(value, value)
        if facet == "topic":
            return self.topics.get(value, value)
        if facet == "theme":
            return str(dict(PositioningTheme.choices).get(value, value))
        return str(value)


def archived_ids(results: SearchResults) -> set[int]:
    """Which of the hits are archived stories (still found, marked "Arkivert").
    One small query per kind of story, whatever the page of hits."""
    ids = [hit.document.id for hit in results.hits]
    if not ids:
        return set()
    archived: set[int] = set()
    for model in story_page_models():
        archived.update(
            model.objects.filter(pk__in=ids, archived_at__isnull=False).values_list(
                "pk", flat=True
            )
        )
    return archived


def facet_labels() -> Labels:
    """All unit and topic names (both lists are short, and kept)."""
    units, topics = units_and_topics()
    return Labels(
        units={
            unit.slug: f"{unit.name} ({unit.parent.name})"
            if unit.parent_id
            else unit.name
            for unit in units
        },
        topics={topic.slug: topic.name for topic in topics},
    )


def known_values(query: SearchQuery, labels: Labels) -> tuple[SearchQuery, list[str]]:
    """Drop units and topics that do not exist, with a notice for each."""
    notices = []
    units = tuple(slug for slug in query.units if slug in labels.units)
    for slug in set(query.units) - set(units):
        notices.append(_("There is no unit “%(value)s”.") % {"value": slug})
    topics = tuple(slug for slug in query.topics if slug in labels.topics)
    for slug in set(query.topics) - set(topics):
        notices.append(_("There is no topic “%(value)s”.") % {"value": slug})
    if units != query.units or topics != query.topics:
        query = query.replace(units=units, topics=topics)
    return query, sorted(notices)


def known_case(
    query: SearchQuery, labels: Labels, *, user
) -> tuple[SearchQuery, list[str]]:
    """Keep the case filter only for a live case the person may see (two queries).

    Page ids are sequential, so anything else (a draft, a restricted case,
    another kind of page, no page) is answered exactly like an id that does not
    exist: the filter is dropped with a notice, and no title is shown.
    """
    if query.case is None:
        return query, []
    page = (
        Page.objects.filter(visible_to(user), pk=query.case)
        .only("title", "content_type")
        .first()
    )
    # The root and other plain pages have no search_content_type.
    kind = getattr(page and page.specific_deferred, "search_content_type", None)
    if kind == "case":
        labels.cases[query.case] = page.title
        return query, []
    notice = _("There is no case “%(value)s”.") % {"value": query.case}
    return query.replace(case=None), [notice]


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    checked: bool


@dataclass
class FacetGroup:
    name: str
    legend: str
    options: list[FacetOption]


def facet_groups(
    query: SearchQuery, results: SearchResults, labels: Labels
) -> list[FacetGroup]:
    """Facets with labels and counts; chosen values stay visible even at zero."""
    groups = []
    for facet in FACETS:
        chosen = {str(value) for value in getattr(query, QUERY_FIELDS[facet])}
        counts = {item.value: item.count for item in results.facets.get(facet, [])}
        for value in chosen - counts.keys():
            counts[value] = 0
        options = [
            FacetOption(
                value=value,
                label=labels.label(facet, value),
                count=count,
                checked=value in chosen,
            )
            for value, count in counts.items()
        ]
        if facet == "year":
            options.sort(key=lambda option: option.value, reverse=True)
        else:
            options.sort(key=lambda option: (-option.count, option.label.lower()))
        if options:
            groups.append(FacetGroup(facet, str(FACET_LEGENDS[facet]), options))
    return groups


@dataclass
class Chip:
    label: str
    remove_url: str


def active_filter_chips(query: SearchQuery, labels: Labels) -> list[Chip]:
    """One removable chip per active filter value."""
    chips = []

    def add(label: str, name: str, value=None) -> None:
        chips.append(Chip(label, "?" + query.without(name, value).urlencode()))

    for facet in FACETS:
        for value in getattr(query, QUERY_FIELDS[facet]):
            add(
                f"{FACET_LEGENDS[facet]}: {labels.label(facet, str(value))}",
                facet,
                value,
            )
    for tag in query.tags:
        add(_("Tag: %(value)s") % {"value": tag}, "tag", tag)
    if query.person:
        user = get_user_model().objects.filter(username=query.person).first()
        name = (user.get_full_name() or user.get_username()) if user else query.person
        add(_("Person: %(value)s") % {"value": name}, "person")
    if query.case is not None:
        title = labels.cases.get(query.case, query.case)
        add(_("Case: %(value)s") % {"value": title}, "case")
    if query.date_from:
        add(_("From %(date)s") % {"date": query.date_from.isoformat()}, "from")
    if query.date_to:
        add(_("To %(date)s") % {"date": query.date_to.isoformat()}, "to")
    return chips


def page_links(results: SearchResults, query: SearchQuery, *, around: int = 2):
    """Page numbers to link to (None marks a gap)."""
    last = results.num_pages
    shown = {1, last} | set(range(query.page - around, query.page + around + 1))
    numbers, previous = [], 0
    for number in sorted(n for n in shown if 1 <= n <= last):
        if number - previous > 1:
            numbers.append(None)
        numbers.append((number, "?" + query.with_page(number).urlencode()))
        previous = number
    return numbers
