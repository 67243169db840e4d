"""The communication team's dashboard: one `Table` per section.

Each section is a function `(filters, request) -> Table`; the page, the charts
and the CSV export all render the same tables. Every section runs a fixed
number of queries, whatever the amount of data. Sections that name pages name
only those the viewer may see (Wagtail's view restrictions); counts count all.
"""

from __future__ import annotations

import csv
import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db import models
from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import (
    Coalesce,
    Length,
    Substr,
    TruncMonth,
    TruncQuarter,
)
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction

from cases.models import CasePage, CaseStatus, CaseUpdatePage
from cases.selectors import stale_after_days
from intranet.core.models import PositioningTheme, Unit, story_page_models
from intranet.core.page_access import hidden_from, without_hidden
from intranet.core.selectors import content_version, units_and_topics
from intranet.insights.charts import BarChart, bar_chart
from intranet.insights.models import StoryReadDay
from intranet.planning.selectors import planned_vs_done_by_month
from intranet.subscriptions.models import SubscriptionFilter

SILENT_AFTER_DAYS = 60
TOP_STORIES = 20
#: The page lists the longest silent cases; the CSV has every one.
STALE_SHOWN = 10


@dataclass(frozen=True)
class Filters:
    start: datetime.date  # first day of the first month
    end: datetime.date  # last day of the last month
    sector: Unit | None = None

    @property
    def start_at(self) -> datetime.datetime:
        return timezone.make_aware(
            datetime.datetime.combine(self.start, datetime.time())
        )

    @property
    def end_before(self) -> datetime.datetime:
        return timezone.make_aware(
            datetime.datetime.combine(
                self.end + datetime.timedelta(days=1), datetime.time()
            )
        )

    def months(self) -> list[datetime.date]:
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return months

    def unit_q(self, prefix: str = "") -> Q:
        """Stories (or cases) of the chosen sector or of its units."""
        if self.sector is None:
            return Q()
        return Q(**{f"{prefix}unit": self.sector}) | Q(
            **{f"{prefix}unit__parent": self.sector}
        )


@dataclass(frozen=True)
class Link:
    text: str
    url: str

    def __str__(self) -> str:
        return self.text


class LazyRows(Sequence):
    """Rows built only when read, from keys found beforehand: the page reads
    the first few, the CSV all of them, a chunk at a time. `build` turns a
    list of keys into their rows with a fixed number of queries."""

    CHUNK = 500

    def __init__(self, keys: list, build: Callable[[list], list[list]]) -> None:
        self.keys = keys
        self.build = build

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.build(self.keys[index])
        return self.build([self.keys[index]])[0]

    def __iter__(self):
        for start in range(0, len(self.keys), self.CHUNK):
            yield from self.build(self.keys[start : start + self.CHUNK])


@dataclass
class Table:
    title: str
    description: str
    headers: list[str]
    rows: Sequence[list] = field(default_factory=list)
    chart: BarChart | None = None
    chart_title: str = ""
    numeric_from: int = 1  # columns from this index are figures (right-aligned)
    slug: str = ""  # set from SECTIONS
    #: The page shows at most this many rows (None: all); the CSV has all.
    shown: int | None = None

    @property
    def page_rows(self) -> list[list]:
        return list(self.rows[: self.shown] if self.shown else self.rows)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def truncated(self) -> bool:
        return self.shown is not None and self.total > self.shown


def month_label(month: datetime.date) -> str:
    return date_format(month, "M Y")


def quarter_label(day: datetime.date) -> str:
    return f"{day.year} K{(day.month - 1) // 3 + 1}"


def _local_date(value: datetime.datetime | datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _unit_rows(filters: Filters) -> list[Unit]:
    units = Unit.objects.select_related("parent").order_by(
        Coalesce("parent__name", "name"), F("parent").asc(nulls_first=True), "name"
    )
    if filters.sector is not None:
        units = units.filter(Q(pk=filters.sector.pk) | Q(parent=filters.sector))
    return list(units)


#: How long figures read from published pages are kept (they are read again
#: at once when content changes: see `_from_pages`).
PAGE_FIGURES_SECONDS = 15 * 60
#: How long counts of published stories are kept, whatever is published
#: meanwhile (`_counted`); the tables say so.
COUNT_FIGURES_SECONDS = 10 * 60


def _from_pages(
    name: str, filters: Filters, compute: Callable[[], object], *, user=None
):
    """`compute()`, cached while published content stays the same.

    The figures of these sections come from published pages alone, so they
    are kept under the content version (which every save or deletion of a
    page, a view restriction or a unit moves) and today's date, for at most
    PAGE_FIGURES_SECONDS (what is stale moves with the clock): a dashboard
    opened again does not aggregate the municipality's stories again. Figures
    that name pages (`user` given) are kept per set of groups the viewer is
    in, as view restrictions are decided by groups."""
    access = ""
    if user is not None:
        access = (
            "all"
            if user.is_superuser
            else ".".join(
                str(pk)
                for pk in user.groups.order_by("pk").values_list("pk", flat=True)
            )
        )
    key = ":".join(
        [
            "insights",
            name,
            f"{filters.start:%Y-%m-%d}",
            f"{filters.end:%Y-%m-%d}",
            str(filters.sector.pk if filters.sector else ""),
            access,
            str(content_version()),
            f"{timezone.localdate():%Y-%m-%d}",
        ]
    )
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, PAGE_FIGURES_SECONDS)
    return value


def _counted(name: str, filters: Filters, compute: Callable[[], object]):
    """`compute()` for figures that only count stories (they name no page),
    kept for COUNT_FIGURES_SECONDS however much is published meanwhile.

    Counting a year of the municipality's stories grows with it, and every
    publish would start the count again; a story published in the last
    minutes is counted at the latest ten minutes later (the tables say so).
    Nothing here can show a restricted page: these are numbers per unit,
    month and theme, as for everyone with the dashboard."""
    key = ":".join(
        [
            "insights:counts",
            name,
            f"{filters.start:%Y-%m-%d}",
            f"{filters.end:%Y-%m-%d}",
            str(filters.sector.pk if filters.sector else ""),
        ]
    )
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, COUNT_FIGURES_SECONDS)
    return value


def _story_day(model) -> tuple[str, bool]:
    """The story model's date field, and whether it holds a time (then the
    period is compared as local times, not days)."""
    field = model._meta.get_field(model.story_date_field)
    return field.name, isinstance(field, models.DateTimeField)


def _stories_in_period(filters: Filters) -> list[tuple[QuerySet, str]]:
    """Each kind of story's live pages published in the period, with the name
    of its date field."""
    stories = []
    for model in story_page_models():
        day, timed = _story_day(model)
        period = (
            {f"{day}__gte": filters.start_at, f"{day}__lt": filters.end_before}
            if timed
            else {f"{day}__gte": filters.start, f"{day}__lte": filters.end}
        )
        stories.append((model.objects.live().filter(filters.unit_q(), **period), day))
    return stories


def _stories_per_unit_month(filters: Filters) -> Counter:
    counts: Counter = Counter()
    for pages, day in _stories_in_period(filters):
        for row in (
            pages.annotate(month=TruncMonth(day))
            .values("unit_id", "month")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            month = _local_date(row["month"]).replace(day=1)
            counts[(row["unit_id"], month)] += row["n"]
    return counts


def stories_per_unit_month(filters: Filters, request: HttpRequest) -> Table:
    months = filters.months()
    counts: Counter = _counted(
        "published", filters, lambda: _stories_per_unit_month(filters)
    )
    rows = []
    units: list[Unit | None] = [*_unit_rows(filters)]
    if filters.sector is None:
        units.append(None)
    for unit in units:
        unit_id = unit.pk if unit else None
        figures = [counts[(unit_id, month)] for month in months]
        if unit is None and not any(figures):
            continue
        rows.append(
            [
                unit.name if unit else _("No unit"),
                (unit.sector.name if unit and not unit.is_sector else "—"),
                *figures,
                sum(figures),
            ]
        )
    month_totals: Counter = Counter()
    for (_unit_id, month), number in counts.items():
        month_totals[month] += number
    per_month = [(month_label(month), month_totals[month]) for month in months]
    return Table(
        title=_("Stories published per unit and month"),
        description=_(
            "News articles and case updates published in the period, by the "
            "unit they belong to. The counts are brought up to date every ten "
            "minutes."
        ),
        headers=[_("Unit"), _("Sector"), *map(month_label, months), _("Total")],
        rows=rows,
        chart=bar_chart(per_month),
        chart_title=_("Stories per month"),
        numeric_from=2,
    )


def silent_units(filters: Filters, request: HttpRequest) -> Table:
    today = timezone.localdate()
    limit = today - datetime.timedelta(days=SILENT_AFTER_DAYS)
    last_story = {
        f"last_{model._meta.model_name}": Subquery(
            model.objects.live()
            .filter(unit=OuterRef("pk"))
            .order_by(f"-{model.story_date_field}")
            .values(model.story_date_field)[:1]
        )
        for model in story_page_models()
    }
    units = (
        Unit.objects.filter(parent__isnull=False)
        .select_related("parent")
        .annotate(**last_story)
        .order_by("parent__name", "name")
    )
    if filters.sector is not None:
        units = units.filter(parent=filters.sector)
    rows = []
    for unit in units:
        dates = [
            _local_date(getattr(unit, name))
            for name in last_story
            if getattr(unit, name) is not None
        ]
        last = max(dates) if dates else None
        if last is not None and last >= limit:
            continue
        rows.append(
            [
                unit.name,
                unit.parent.name,
                date_format(last, "SHORT_DATE_FORMAT") if last else _("Never"),
                (today - last).days if last else "—",
            ]
        )
    rows.sort(key=lambda row: -1 if row[3] == "—" else -row[3])
    return Table(
        title=_("Silent units"),
        description=_(
            "Units with no news article or case update in the last %(days)s days "
            "(counted from today, whatever the period)."
        )
        % {"days": SILENT_AFTER_DAYS},
        headers=[_("Unit"), _("Sector"), _("Last story"), _("Days since")],
        rows=rows,
        numeric_from=3,
    )


def _stale_cases(
    filters: Filters, request: HttpRequest
) -> list[tuple[int, datetime.datetime]]:
    """(case id, time of its last update or publication) of the live, not
    completed cases the person may see that have been silent longer than the
    limit, the longest silent first.

    Read from the facts stored on each case (`cases.selectors`: its newest
    update open to everyone who may see the case, else its publication), so
    only the silent cases' own rows are read, never their updates. An update
    with a view restriction of its own is not in those facts: the few such
    updates the person may read are found (from the restrictions) and counted
    on top, as the person sees them."""
    limit = timezone.now() - datetime.timedelta(days=stale_after_days())
    restricted_latest = dict(
        without_hidden(CaseUpdatePage.objects.live(), user=request.user)
        .filter(Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk"))))
        .annotate(case_path=Substr("path", 1, Length("path") - Page.steplen))
        .order_by()
        .values("case_path")
        .annotate(last=Max("publication_date"))
        .values_list("case_path", "last")
    )
    candidates = (
        without_hidden(CasePage.objects.live(), user=request.user)
        .exclude(status=CaseStatus.COMPLETED)
        .filter(filters.unit_q())
        .filter(
            Q(last_update_at__lt=limit)
            | Q(last_update_at__isnull=True, first_published_at__lt=limit)
            | Q(path__in=list(restricted_latest))
        )
    )
    stale = []
    for pk, path, title, last_update, published in candidates.values_list(
        "pk", "path", "title", "last_update_at", "first_published_at"
    ):
        updates = [day for day in (last_update, restricted_latest.get(path)) if day]
        activity = max(updates) if updates else published
        if activity is not None and activity < limit:
            stale.append((activity, title, pk))
    stale.sort()
    return [(pk, activity) for activity, _title, pk in stale]


def stale_cases(filters: Filters, request: HttpRequest) -> Table:
    days = stale_after_days()
    today = timezone.localdate()

    def build(keys: list[tuple[int, datetime.datetime]]) -> list[list]:
        cases = (
            CasePage.objects.filter(pk__in=[pk for pk, _activity in keys])
            .defer_streamfields()
            .select_related("unit")
            .in_bulk()
        )
        rows = []
        for pk, activity in keys:
            case = cases.get(pk)
            if case is None:  # deleted since it was found
                continue
            last = _local_date(activity)
            rows.append(
                [
                    Link(case.title, case.get_url(request=request) or ""),
                    case.unit.name if case.unit else "—",
                    case.get_status_display(),
                    date_format(last, "SHORT_DATE_FORMAT"),
                    (today - last).days,
                ]
            )
        return rows

    return Table(
        title=_("Cases with no update in %(days)s days") % {"days": days},
        description=_(
            "Live cases that are not completed and have had no update (or were "
            "published) more than %(days)s days ago."
        )
        % {"days": days},
        headers=[
            _("Case"),
            _("Unit"),
            _("Status"),
            _("Last update"),
            _("Days since"),
        ],
        rows=LazyRows(
            _from_pages(
                "stale",
                filters,
                lambda: _stale_cases(filters, request),
                user=request.user,
            ),
            build,
        ),
        numeric_from=4,
        shown=STALE_SHOWN,
    )


#: How long the most read stories' totals are kept: reading a year of reads
#: again for every look at the dashboard grew with the municipality.
READ_TOTALS_SECONDS = 5 * 60
#: The most read pages kept, before each viewer's restrictions leave some out.
READ_CANDIDATES = 5 * TOP_STORIES


def _read_totals(filters: Filters, *, user=None, limit: int | None) -> list[dict]:
    """The pages with the most readers in the period (leaving out those the
    user may not see, when one is given), most read first."""
    reads = StoryReadDay.objects.filter(day__gte=filters.start, day__lte=filters.end)
    if user is not None:
        reads = reads.exclude(hidden_from(user, prefix="page__"))
    if filters.sector is not None:
        reads = reads.filter(
            filters.unit_q("page__newspage__")
            | filters.unit_q("page__caseupdatepage__")
        )
    totals = (
        reads.values("page_id")
        .annotate(total=Sum("readers"))
        .order_by("-total", "page_id")
    )
    return list(totals[:limit] if limit else totals)


def most_read(filters: Filters, *, user) -> list[dict]:
    """The `TOP_STORIES` most read stories the user may see.

    The totals of everyone's most read pages are kept for a few minutes (the
    readers of the last minutes may be missing, never a page the user may not
    see: the user's restrictions apply to what is kept, at every look)."""
    key = ":".join(
        [
            "insights:read-totals",
            f"{filters.start:%Y-%m-%d}",
            f"{filters.end:%Y-%m-%d}",
            str(filters.sector.pk if filters.sector else ""),
        ]
    )
    candidates = cache.get(key)
    if candidates is None:
        candidates = _read_totals(filters, limit=READ_CANDIDATES)
        cache.set(key, candidates, READ_TOTALS_SECONDS)
    hidden = set(
        Page.objects.filter(pk__in=[row["page_id"] for row in candidates])
        .filter(hidden_from(user))
        .values_list("pk", flat=True)
    )
    top = [row for row in candidates if row["page_id"] not in hidden][:TOP_STORIES]
    if len(top) < TOP_STORIES and len(candidates) == READ_CANDIDATES:
        # So much of the most read is closed to this person: count exactly.
        return _read_totals(filters, user=user, limit=TOP_STORIES)
    return top


def top_stories(filters: Filters, request: HttpRequest) -> Table:
    top = most_read(filters, user=request.user)
    pages = Page.objects.select_related("content_type").in_bulk(
        [row["page_id"] for row in top]
    )
    rows = []
    for row in top:
        page = pages[row["page_id"]]
        model = page.content_type.model_class()
        rows.append(
            [
                Link(page.title, page.get_url(request=request) or ""),
                str(model._meta.verbose_name).capitalize() if model else "",
                row["total"],
            ]
        )
    return Table(
        title=_("Most read stories"),
        description=_(
            "Readers in the period: each colleague counts once per story and "
            "day. The totals are brought up to date every five minutes."
        ),
        headers=[_("Article or update"), _("Type"), _("Readers")],
        rows=rows,
        chart=bar_chart([(str(row[0]), row[2]) for row in rows[:10]]),
        chart_title=_("The ten most read"),
        numeric_from=2,
    )


def _followers_per_topic() -> dict[str, dict]:
    """People and active subscriptions per topic slug, counted over every
    subscription in the municipality (more every year) and so kept for
    COUNT_FIGURES_SECONDS, whoever follows or stops following meanwhile."""

    def count() -> dict[str, dict]:
        return {
            row["value"]: row
            for row in SubscriptionFilter.objects.filter(
                kind="topic", subscription__paused=False
            )
            .values("value")
            .annotate(
                people=Count("subscription__user", distinct=True),
                subscriptions=Count("subscription", distinct=True),
            )
            .order_by()
        }

    return cache.get_or_set(
        "insights:followers-per-topic", count, COUNT_FIGURES_SECONDS
    )


def subscriptions_per_topic(filters: Filters, request: HttpRequest) -> Table:
    counts = _followers_per_topic()
    rows = []
    _units, topics = units_and_topics()
    for topic in topics:
        row = counts.get(topic.slug, {})
        rows.append([topic.name, row.get("people", 0), row.get("subscriptions", 0)])
    rows.sort(key=lambda row: (-row[1], row[0]))
    return Table(
        title=_("Subscriptions per topic"),
        description=_(
            "People following each topic today (active subscriptions that "
            "include the topic), whatever the period and sector. The totals "
            "are brought up to date every ten minutes."
        ),
        headers=[_("Topic"), _("People"), _("Subscriptions")],
        rows=rows,
        chart=bar_chart([(row[0], row[1]) for row in rows]),
        chart_title=_("People following each topic"),
    )


def _positioning_per_theme_quarter(filters: Filters) -> dict[str, Counter]:
    counts: dict[str, Counter] = defaultdict(Counter)
    stories = _stories_in_period(filters)
    # Counted by the database per quarter and theme (one query per theme and
    # kind of story), not read story by story.
    for theme in PositioningTheme:
        for pages, day in stories:
            for row in (
                pages.filter(positioning_themes__includes=theme.value)
                .annotate(quarter=TruncQuarter(day))
                .order_by()
                .values("quarter")
                .annotate(n=Count("pk"))
            ):
                label = quarter_label(_local_date(row["quarter"]))
                counts[label][theme.value] += row["n"]
    return dict(counts)


def positioning_per_theme_quarter(filters: Filters, request: HttpRequest) -> Table:
    themes = list(PositioningTheme)
    counts = _counted(
        "positioning", filters, lambda: _positioning_per_theme_quarter(filters)
    )
    quarters = list(dict.fromkeys(quarter_label(month) for month in filters.months()))
    rows = []
    for quarter in quarters:
        figures = [counts.get(quarter, Counter())[theme.value] for theme in themes]
        rows.append([quarter, *figures, sum(figures)])
    return Table(
        title=_("Positioning examples per theme and quarter"),
        description=_(
            "Published stories marked as showing innovation or competence "
            "(a story with both themes counts under each). The counts are "
            "brought up to date every ten minutes."
        ),
        headers=[_("Quarter"), *[str(theme.label) for theme in themes], _("Total")],
        rows=rows,
        chart=bar_chart([(row[0], row[-1]) for row in rows]),
        chart_title=_("Positioning examples per quarter"),
    )


def planned_vs_done(filters: Filters, request: HttpRequest) -> Table:
    """The annual plan's figures per month (one query per calendar year of the
    period, from the planning app's own selector)."""
    figures = {}
    for year in sorted({month.year for month in filters.months()}):
        for row in planned_vs_done_by_month(year=year, unit=filters.sector):
            figures[datetime.date(year, row.month, 1)] = row
    rows = [
        [
            month_label(month),
            figures[month].planned,
            figures[month].done,
            figures[month].overdue,
        ]
        for month in filters.months()
    ]
    return Table(
        title=_("Planned and done communication activities"),
        description=_(
            "Activities in the annual plan by the month they start: planned "
            "(cancelled ones not counted), done, and overdue (not done after "
            "their last day)."
        ),
        headers=[_("Month"), _("Planned"), _("Done"), _("Overdue")],
        rows=rows,
        chart=bar_chart([(row[0], row[2]) for row in rows]),
        chart_title=_("Activities done per month"),
    )


Section = Callable[[Filters, HttpRequest], Table]

# The dashboard's sections, in order, by the slug of their CSV address.
SECTIONS: list[tuple[str, Section]] = [
    ("publisert", stories_per_unit_month),
    ("stille-enheter", silent_units),
    ("saker-uten-oppdatering", stale_cases),
    ("mest-lest", top_stories),
    ("abonnement-per-emne", subscriptions_per_topic),
    ("posisjonering", positioning_per_theme_quarter),
    ("kommunikasjonstiltak", planned_vs_done),
]


def build_one(slug: str, filters: Filters, request: HttpRequest) -> Table | None:
    section = dict(SECTIONS).get(slug)
    if section is None:
        return None
    table = section(filters, request)
    table.slug = slug
    return table


def build(filters: Filters, request: HttpRequest) -> list[Table]:
    return [build_one(slug, filters, request) for slug, _section in SECTIONS]


# A text cell starting with one of these is run as a formula by Excel and
# LibreOffice (=HYPERLINK(…), @SUM(…), +cmd|…); tab and CR can hide the start.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(cell: object) -> str:
    """A cell as text a spreadsheet shows and never runs: text that would start
    a formula gets a leading apostrophe. Numbers stay numbers."""
    if isinstance(cell, int | float | Decimal):
        return str(cell)
    text = str(cell)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def csv_response(table: Table, filters: Filters) -> HttpResponse:
    """The table as CSV for Excel in Norway: `;` between fields (the comma is
    the decimal sign here), UTF-8 with a byte order mark. Titles and names are
    typed by staff, so no cell may start a formula (``spreadsheet_cell``)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"innsikt-{table.slug}-{filters.start:%Y-%m}-{filters.end:%Y-%m}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([spreadsheet_cell(cell) for cell in table.headers])
    for row in table.rows:
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return response
