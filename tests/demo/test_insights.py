"""The insights dashboard's figures on a year of demo data."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from cases.models import CasePage, CaseStatus, CaseUpdatePage
from intranet.core.models import Topic, Unit
from intranet.insights.models import PulseTally, StoryReadDay
from intranet.insights.selectors import pulse_results
from intranet.subscriptions.models import SubscriptionFilter
from news.models import NewsPage

pytestmark = pytest.mark.usefixtures("demo")


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_dashboard_figures_equal_independent_counts_on_the_demo_data(client):
    client.force_login(get_user_model().objects.get(username="silje.aas"))
    today = timezone.localdate()
    start = datetime.date(today.year - 1, today.month, 1) + datetime.timedelta(days=31)
    start = start.replace(day=1)
    month = f"{start:%Y-%m}"
    query = {"from_month": month, "to_month": f"{today:%Y-%m}"}

    def table(slug: str) -> list[list[str]]:
        url = reverse("insights_admin:csv", args=[slug])
        return csv_rows(client.get(url, query))

    # Stories per unit: each unit's total equals counting its pages directly.
    published = table("publisert")
    assert len(published[0]) == 2 + 12 + 1
    end_before = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    )
    start_at = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
    for unit in Unit.objects.all():
        expected = (
            NewsPage.objects.live()
            .filter(unit=unit, date__gte=start, date__lte=today)
            .count()
            + CaseUpdatePage.objects.live()
            .filter(
                unit=unit,
                publication_date__gte=start_at,
                publication_date__lt=end_before,
            )
            .count()
        )
        row = next(row for row in published if row[0] == unit.name)
        assert int(row[-1]) == expected, unit.name
        assert sum(int(cell) for cell in row[2:-1]) == expected

    # Silent units: no live story in 60 days, by a plain date comparison.
    limit = today - datetime.timedelta(days=60)
    silent = set()
    for unit in Unit.objects.filter(parent__isnull=False):
        dates = [
            *NewsPage.objects.live().filter(unit=unit).values_list("date", flat=True),
            *[
                timezone.localdate(value)
                for value in CaseUpdatePage.objects.live()
                .filter(unit=unit)
                .values_list("publication_date", flat=True)
            ],
        ]
        if not dates or max(dates) < limit:
            silent.add(unit.name)
    assert silent, "the demo leaves some units silent"
    assert {row[0] for row in table("stille-enheter")[1:]} == silent

    # Stale cases: no update (or first publication) in 60 days.
    stale = set()
    for case in CasePage.objects.live().exclude(status=CaseStatus.COMPLETED):
        updates = CaseUpdatePage.objects.live().child_of(case)
        latest = max([u.publication_date for u in updates] or [case.first_published_at])
        if latest < timezone.now() - datetime.timedelta(days=60):
            stale.add(case.title)
    assert {row[0] for row in table("saker-uten-oppdatering")[1:]} == stale

    # Top stories: readers summed straight from the rows.
    top = table("mest-lest")[1:]
    assert top
    sums = dict(
        StoryReadDay.objects.filter(day__gte=start, day__lte=today)
        .values_list("page__title")
        .annotate(total=Sum("readers"))
    )
    for title, _type, readers in top:
        assert int(readers) == sums[title]
    assert int(top[0][2]) == max(sums.values())

    # Subscriptions per topic: distinct people with an active topic filter.
    for name, people, _subscriptions in table("abonnement-per-emne")[1:]:
        topic = Topic.objects.get(name=name)
        expected = (
            SubscriptionFilter.objects.filter(
                kind="topic", value=topic.slug, subscription__paused=False
            )
            .values("subscription__user")
            .distinct()
            .count()
        )
        assert int(people) == expected

    # Positioning examples: the per-quarter totals add up to the theme count.
    positioning = table("posisjonering")[1:]
    themed = sum(
        len(themes)
        for themes in [
            *NewsPage.objects.live()
            .filter(date__gte=start, date__lte=today)
            .values_list("positioning_themes", flat=True),
            *CaseUpdatePage.objects.live()
            .filter(publication_date__gte=start_at, publication_date__lt=end_before)
            .values_list("positioning_themes", flat=True),
        ]
    )
    assert sum(int(row[-1]) for row in positioning) == themed

    # The demo's pulse rises from the 2012 baseline: 34 % and then 41 %.
    shown = [result.percent for result in pulse_results() if result.shown]
    assert shown == [34, 41]
    assert sum(tally.answers for tally in PulseTally.objects.all()) == 50 + 54 + 3
