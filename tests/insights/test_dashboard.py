"""The communication team's dashboard and its CSV exports."""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseStatus
from intranet.insights import dashboard
from intranet.subscriptions.services import subscription_create
from search.query import SearchQuery
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


def test_story_counts_are_kept_ten_minutes_and_say_so(team_client):
    """Counting a year of stories is not redone at every publish: a story
    published meanwhile is counted when the kept counts run out (the cache
    emptied here stands for the ten minutes passing)."""
    unit = UnitFactory(name="Barnehagene")
    NewsPageFactory(unit=unit)
    url = reverse("insights_admin:csv", args=["publisert"])

    def barnehagene() -> str:
        rows = csv_rows(team_client.get(url))
        return next(row for row in rows if row[0] == "Barnehagene")[-1]

    assert barnehagene() == "1"
    NewsPageFactory(unit=unit)
    assert barnehagene() == "1"
    assert (
        "oppdateres hvert tiende minutt" in team_client.get(DASHBOARD).content.decode()
    )

    cache.clear()
    assert barnehagene() == "2"


def test_followers_per_topic_are_kept_ten_minutes_and_say_so(team_client):
    """Counting every subscription in the municipality is not redone at each
    visit: someone who follows a topic meanwhile is counted when the kept
    counts run out (the cache emptied here stands for the ten minutes)."""
    topic = TopicFactory(name="Skolemat", slug="skolemat")
    url = reverse("insights_admin:csv", args=["abonnement-per-emne"])

    def skolemat() -> str:
        rows = csv_rows(team_client.get(url))
        return next(row for row in rows if row[0] == "Skolemat")[1]

    def follow(username: str) -> None:
        subscription_create(
            user=UserFactory(username=username),
            query=SearchQuery(topics=(topic.slug,)),
            name="Skolemat",
        )

    follow("kari")
    assert skolemat() == "1"
    follow("ola")
    assert skolemat() == "1"
    html = team_client.get(DASHBOARD).content.decode()
    assert "uansett periode og sektor. Tallene oppdateres hvert tiende minutt" in html

    cache.clear()
    assert skolemat() == "2"
