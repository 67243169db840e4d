"""The communication team's dashboard and its CSV exports."""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from cases.models import CasePage, CaseStatus, CaseUpdatePage
from intranet.core.models import Topic, Unit
from intranet.insights import dashboard
from intranet.insights.models import PulseTally, StoryReadDay
from intranet.insights.selectors import pulse_results
from news.models import NewsPage
from search.subscriptions import SubscriptionFilter
from tests.factories.cases import (
    CaseIndexPageFactory,
    CasePageFactory,
    CaseUpdatePageFactory,
)
from tests.factories.core import TopicFactory, UnitFactory, UserFactory
from tests.factories.insights import StoryReadDayFactory
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/innsikt/"
SLUGS = [slug for slug, _section in dashboard.SECTIONS]


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_everyone_outside_the_team_gets_403(client, editor):
    urls = [DASHBOARD, *[reverse("insights_admin:csv", args=[s]) for s in SLUGS]]
    for user in (editor, UserFactory()):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 403, url
        assert "/admin/innsikt/" not in client.get("/admin/").text


def test_the_team_and_superusers_see_the_dashboard(client, team_member):
    for user in (team_member, UserFactory(is_superuser=True, groups=[])):
        client.force_login(user)
        response = client.get(DASHBOARD)
        assert response.status_code == 200
        assert "Stille enheter" in response.text
        assert "/admin/innsikt/" in client.get("/admin/").text


def test_every_table_downloads_as_csv_with_norwegian_headers(team_client):
    NewsPageFactory(unit=UnitFactory(name="Barnehagene"))
    for slug in SLUGS:
        response = team_client.get(reverse("insights_admin:csv", args=[slug]))
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert f"innsikt-{slug}-" in response["Content-Disposition"]
        rows = csv_rows(response)
        assert rows[0][0] in {
            "Enhet",
            "Sak",
            "Nyhet eller oppdatering",
            "Emne",
            "Kvartal",
            "Måned",
        }
    rows = csv_rows(team_client.get(reverse("insights_admin:csv", args=["publisert"])))
    barnehagene = next(row for row in rows if row[0] == "Barnehagene")
    assert barnehagene[-1] == "1"


def test_an_unknown_table_is_404_and_bad_filters_are_explained(team_client):
    assert team_client.get("/admin/innsikt/csv/finnes-ikke/").status_code == 404
    response = team_client.get(DASHBOARD, {"from_month": "2026-13"})
    assert response.status_code == 400
    assert "Skriv måneden som ÅÅÅÅ-MM." in response.text
    response = team_client.get(
        DASHBOARD, {"from_month": "2026-06", "to_month": "2026-01"}
    )
    assert "Første måned må komme før siste." in response.text
    response = team_client.get(
        reverse("insights_admin:csv", args=["publisert"]), {"sector": "finnes-ikke"}
    )
    assert response.status_code == 400


def test_filters_by_period_and_sector(team_client):
    health = UnitFactory(name="Helse og omsorg", slug="helse")
    school = UnitFactory(name="Oppvekst", slug="oppvekst")
    home_care = UnitFactory(name="Hjemmetjenesten", parent=health)
    NewsPageFactory(unit=home_care, date=datetime.date(2026, 3, 5))
    NewsPageFactory(unit=UnitFactory(name="Skolene", parent=school))
    query = {"from_month": "2026-03", "to_month": "2026-03", "sector": "helse"}
    rows = csv_rows(
        team_client.get(reverse("insights_admin:csv", args=["publisert"]), query)
    )
    assert rows[0] == ["Enhet", "Sektor", "Mar 2026", "Sum"]
    assert ["Hjemmetjenesten", "Helse og omsorg", "1", "1"] in rows
    assert all(row[0] != "Skolene" for row in rows)


def test_silent_units_and_stale_cases(team_client, home_page):
    today = timezone.localdate()
    active = UnitFactory(name="Aktiv", parent=UnitFactory())
    silent = UnitFactory(name="Stille", parent=active.parent)
    NewsPageFactory(unit=active, date=today - datetime.timedelta(days=5))
    NewsPageFactory(unit=silent, date=today - datetime.timedelta(days=61))
    index = CaseIndexPageFactory(parent=home_page)
    stale = CasePageFactory(
        parent=index,
        title="Glemt sak",
        first_published_at=timezone.now() - datetime.timedelta(days=100),
    )
    last_update = timezone.now() - datetime.timedelta(days=70)
    CaseUpdatePageFactory(parent=stale, publication_date=last_update)
    fresh = CasePageFactory(
        parent=index,
        title="Levende sak",
        first_published_at=timezone.now() - datetime.timedelta(days=100),
    )
    CaseUpdatePageFactory(parent=fresh, publication_date=timezone.now())
    CasePageFactory(
        parent=index,
        title="Ferdig sak",
        status=CaseStatus.COMPLETED,
        first_published_at=timezone.now() - datetime.timedelta(days=100),
    )
    silent_rows = csv_rows(
        team_client.get(reverse("insights_admin:csv", args=["stille-enheter"]))
    )
    names = [row[0] for row in silent_rows[1:]]
    assert "Stille" in names
    assert "Aktiv" not in names
    stale_rows = csv_rows(
        team_client.get(reverse("insights_admin:csv", args=["saker-uten-oppdatering"]))
    )
    assert [row[0] for row in stale_rows[1:]] == ["Glemt sak"]
    # Whole days in local time: across a change to or from summer time, late in
    # the evening, 70 times 24 hours can be 69 calendar days.
    days = (today - timezone.localtime(last_update).date()).days
    assert stale_rows[1][-1] == str(days)


def make_data(size: int, home_page) -> None:
    sector = UnitFactory()
    units = [UnitFactory(parent=sector) for _n in range(size)]
    topics = [TopicFactory() for _n in range(size)]
    index = CaseIndexPageFactory(parent=home_page)
    for n in range(size):
        page = NewsPageFactory(
            unit=units[n],
            positioning_themes=["innovation"],
            nomination_text="Nytt",
        )
        page.topics.add(topics[n])
        StoryReadDayFactory(page=page, readers=n + 1)
        case = CasePageFactory(
            parent=index,
            unit=units[n],
            first_published_at=timezone.now() - datetime.timedelta(days=90),
        )
        CaseUpdatePageFactory(parent=case)


def test_the_dashboard_query_count_does_not_grow_with_the_data(
    team_client, home_page, django_assert_max_num_queries
):
    make_data(2, home_page)
    team_client.get(DASHBOARD)
    cache.clear()  # figures from pages are cached: count the queries of reading them
    with django_assert_max_num_queries(60) as few:
        team_client.get(DASHBOARD)
    make_data(12, home_page)
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = team_client.get(DASHBOARD)
    assert response.status_code == 200


def test_dashboard_figures_equal_independent_counts_on_the_demo_data(team_client):
    call_command("seed_demo", stdout=io.StringIO())
    today = timezone.localdate()
    start = datetime.date(today.year - 1, today.month, 1) + datetime.timedelta(days=31)
    start = start.replace(day=1)
    month = f"{start:%Y-%m}"
    query = {"from_month": month, "to_month": f"{today:%Y-%m}"}

    def table(slug: str) -> list[list[str]]:
        url = reverse("insights_admin:csv", args=[slug])
        return csv_rows(team_client.get(url, query))

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

    # A second run adds nothing.
    rows = StoryReadDay.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert StoryReadDay.objects.count() == rows


def test_planned_and_done_activities_per_month_in_the_chosen_sector(team_client):
    from intranet.planning.models import ActivityStatus
    from tests.factories.planning import ActivityFactory

    sector = UnitFactory(name="Helse og omsorg")
    unit = UnitFactory(name="Hjemmetjenesten", parent=sector)
    elsewhere = UnitFactory(name="Kultur")
    today = timezone.localdate()
    month = today.replace(day=1) - datetime.timedelta(days=1)  # last month
    day = month.replace(day=5)
    ActivityFactory(start_date=day, end_date=day, unit=unit)  # overdue
    ActivityFactory(start_date=day, end_date=day, unit=unit, status="done")
    ActivityFactory(start_date=day, end_date=day, unit=sector, status="done")
    ActivityFactory(
        start_date=day, end_date=day, unit=unit, status=ActivityStatus.CANCELLED
    )
    ActivityFactory(start_date=day, end_date=day, unit=elsewhere)

    rows = csv_rows(
        team_client.get(
            reverse("insights_admin:csv", args=["kommunikasjonstiltak"]),
            {
                "from_month": f"{month:%Y-%m}",
                "to_month": f"{month:%Y-%m}",
                "sector": sector.slug,
            },
        )
    )

    assert rows[0] == ["Måned", "Planlagt", "Utført", "Forfalt"]
    assert [int(cell) for cell in rows[1][1:]] == [3, 2, 1]


def test_names_that_would_run_as_spreadsheet_formulas_are_exported_as_text(
    team_client,
):
    """A unit named like a formula must open in Excel as the text it is, never
    run (CSV injection); counts stay numbers."""
    names = [
        '=HYPERLINK("http://angriper.invalid";"Klikk")',
        "+47 sentralbord",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
    ]
    for name in names:
        NewsPageFactory(unit=UnitFactory(name=name))

    rows = csv_rows(team_client.get(reverse("insights_admin:csv", args=["publisert"])))

    first_column = {row[0] for row in rows[1:]}
    assert {f"'{name}" for name in names} <= first_column
    assert not any(
        cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in first_column
    )
    assert all(row[-1].isdigit() for row in rows[1:])
