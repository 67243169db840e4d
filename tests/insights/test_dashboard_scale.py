"""The dashboard stays the same size however many cases fall silent; the CSV
export stays complete."""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.cases.test_list_scale import _explained
from tests.factories.cases import (
    CaseIndexPageFactory,
    CasePageFactory,
    CaseUpdatePageFactory,
)
from tests.factories.core import UnitFactory
from tests.postgres import postgres_only

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/innsikt/"
STALE_CSV = reverse("insights_admin:csv", args=["saker-uten-oppdatering"])


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode()[1:]), delimiter=";"))


def days_ago(days: int) -> datetime.datetime:
    """Noon, local time, that many calendar days ago: a day count that holds at
    any hour of the run, across a change to or from summer time."""
    day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def make_stale(home_page):
    index = CaseIndexPageFactory(parent=home_page)
    unit = UnitFactory(name="Skolene")
    made = []

    def make_stale(count: int) -> list:
        for _n in range(count):
            number = len(made)
            case = CasePageFactory(
                parent=index,
                title=f"Stille sak {number:02d}",
                unit=unit,
                first_published_at=timezone.now() - datetime.timedelta(days=300),
            )
            # The older the number, the longer the case has been silent.
            for age in (200, 100 + number):
                CaseUpdatePageFactory(parent=case, publication_date=days_ago(age))
            made.append(case)
        return made

    return make_stale


def stale_section(html: str) -> str:
    start = html.index('id="saker-uten-oppdatering"')
    return html[start : html.index("</section>", start)]


def test_the_page_shows_the_ten_longest_silent_and_the_csv_has_them_all(
    team_client, make_stale
):
    make_stale(14)

    section = stale_section(team_client.get(DASHBOARD).content.decode())
    rows = csv_rows(team_client.get(STALE_CSV))

    assert section.count('<th scope="row">') == 10
    assert "10 av 14 vist." in section
    assert f'href="{STALE_CSV}" download>Last ned alle som CSV</a>' in section
    assert "Stille sak 13" in section and "Stille sak 04" in section
    assert "Stille sak 03" not in section
    assert [row[0] for row in rows[1:]] == [
        f"Stille sak {number:02d}" for number in range(13, -1, -1)
    ]
    assert rows[1][-1] == "113"


def test_a_short_list_has_no_note(team_client, make_stale):
    make_stale(3)

    section = stale_section(team_client.get(DASHBOARD).content.decode())

    assert section.count('<th scope="row">') == 3
    assert " vist." not in section


def test_the_stale_cases_cost_the_same_queries_with_more_cases(team_client, make_stale):
    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert team_client.get(url).status_code == 200
        return len(captured)

    make_stale(3)
    team_client.get(DASHBOARD)
    cache.clear()
    few = (queries(DASHBOARD), queries(STALE_CSV))
    make_stale(20)
    cache.clear()

    assert (queries(DASHBOARD), queries(STALE_CSV)) == few
    assert len(csv_rows(team_client.get(STALE_CSV))) == 1 + 23


def test_a_restricted_update_does_not_count_as_activity_for_someone_outside(
    client, team_member, make_stale
):
    [case] = make_stale(1)
    secret = CaseUpdatePageFactory(parent=case, publication_date=timezone.now())
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    client.force_login(team_member)
    rows = csv_rows(client.get(STALE_CSV))
    assert [row[0] for row in rows[1:]] == ["Stille sak 00"]

    team_member.is_superuser = True
    team_member.save()
    assert csv_rows(client.get(STALE_CSV))[1:] == []


def test_figures_from_pages_are_kept_until_content_changes(team_client, make_stale):
    make_stale(2)

    def stale_count() -> int:
        section = stale_section(team_client.get(DASHBOARD).content.decode())
        return section.count('<th scope="row">')

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            team_client.get(DASHBOARD)
        return len(captured)

    assert stale_count() == 2
    warm = queries()
    cache.clear()
    assert warm < queries()
    make_stale(1)  # saving a page moves the content version
    assert stale_count() == 3


@pytest.mark.postgres
def test_the_stale_cases_are_found_without_reading_every_update(
    team_client, make_stale
):
    """The silent cases come from the facts stored on each case: the updates'
    table is read only for the few updates with a restriction of their own,
    not once per update of the municipality."""
    postgres_only()
    [case, *_others] = make_stale(20)
    secret = CaseUpdatePageFactory(
        parent=case, publication_date=timezone.now() - datetime.timedelta(days=90)
    )
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    team_client.get(STALE_CSV)
    cache.clear()  # the figures are kept while content stays the same
    with CaptureQueriesContext(connection) as captured:
        rows = csv_rows(team_client.get(STALE_CSV))

    assert len(rows) == 1 + 20
    # A handful of rows fit in one disk page, which PostgreSQL reads whole
    # whatever the query; with scans of whole tables ruled out, the plans are
    # those of a municipality's tables, where they are the expensive choice.
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            read = _explained(captured.captured_queries)
        finally:
            cursor.execute("RESET enable_seqscan")
    # 41 updates; the restricted one (and perhaps a neighbour on its page).
    assert read.get("cases_caseupdatepage", 0) <= 2, read
