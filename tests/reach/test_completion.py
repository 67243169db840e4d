"""A story's completion: for its authors, the communication team and (with
names for their own units) unit leaders; figures equal a recount."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.core.models import StaffProfile
from intranet.reach import selectors
from intranet.reach.models import Acknowledgement
from tests.factories.core import UnitFactory, UserFactory
from tests.factories.news import NewsPageFactory
from tests.reach.conftest import place

pytestmark = pytest.mark.django_db


def url(page) -> str:
    return f"/ma-leses/{page.pk}/"


def get(client, user, path):
    client.force_login(user)
    return client.get(path)


@pytest.fixture
def article(make_must_read, health, school, nurse, carer, teacher):
    article = make_must_read("Ny avviksrutine", units=[health, school])
    Acknowledgement.objects.create(user=nurse, page=article)
    return article


def test_the_author_and_the_team_see_the_figures_and_may_export(
    client, article, editor, team
):
    for user in (editor, team):
        response = get(client, user, url(article))
        assert response.status_code == 200
        html = response.content.decode()
        assert "1 av 3 har lest den (33 %)" in html
        assert "Hjemmetjenesten" in html
        assert f"/ma-leses/{article.pk}/tall.csv" in html
        assert "Siri Pleie" not in html  # no names for authors and the team
        assert get(client, user, f"/ma-leses/{article.pk}/tall.csv").status_code == 200


def test_the_story_page_links_to_completion_for_its_author_only(
    client, article, editor, teacher
):
    link = f'href="{url(article)}"'
    assert link in get(client, editor, article.url).content.decode()
    assert link not in get(client, teacher, article.url).content.decode()


def test_a_unit_leader_sees_names_in_their_own_units_only(
    client, article, make_person, home_care, nursing_home, school
):
    leader = make_person("leder", home_care, first_name="Liv", last_name="Leder")
    nursing_home.leaders.add(leader)

    response = get(client, leader, url(article))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ola Omsorg" in html  # in the unit they lead, not read
    assert "Siri Pleie" not in html  # has read it
    assert "Lise Lærer" not in html  # another unit
    assert get(client, leader, f"/ma-leses/{article.pk}/tall.csv").status_code == 403


def test_a_sector_leader_sees_names_in_the_sectors_units(
    client, article, make_person, health
):
    leader = make_person("sektorleder", first_name="Per", last_name="Sektor")
    health.leaders.add(leader)

    html = get(client, leader, url(article)).content.decode()

    assert "Ola Omsorg" in html
    assert "Lise Lærer" not in html


def test_everyone_else_is_refused(client, article, news_index, teacher, nurse):
    assert get(client, teacher, url(article)).status_code == 403
    assert get(client, nurse, f"/ma-leses/{article.pk}/tall.csv").status_code == 403
    ordinary = NewsPageFactory(parent=news_index)
    assert get(client, teacher, url(ordinary)).status_code == 404
    assert get(client, teacher, "/ma-leses/999999/").status_code == 404
    assert get(client, teacher, f"/ma-leses/{2**64}/").status_code == 404
    assert client.post(url(article)).status_code == 405


def test_the_csv_holds_the_per_unit_figures(client, article, team):
    response = get(client, team, f"/ma-leses/{article.pk}/tall.csv")

    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Sektor", "Enhet", "Skal lese", "Har lest", "Prosent"]
    by_unit = {row[1]: row[2:] for row in rows[1:-1]}
    assert by_unit == {
        "Hjemmetjenesten": ["1", "1", "100"],
        "Sykehjemmet": ["1", "0", "0"],
        "Bjørkelund skole": ["1", "0", "0"],
    }
    assert rows[-1] == ["Sum", "", "3", "1", "33"]


def recount(page, unit_ids_in_audience) -> dict:
    """Ground truth, the slow way: person by person."""
    read = set(
        Acknowledgement.objects.filter(page=page).values_list("user_id", flat=True)
    )
    figures: dict = {}
    for user in get_user_model().objects.filter(is_active=True):
        profile = StaffProfile.objects.filter(user=user).first()
        unit = profile.unit if profile else None
        if unit is None or not (
            unit.pk in unit_ids_in_audience or unit.parent_id in unit_ids_in_audience
        ):
            continue
        audience, done = figures.get(unit.pk, (0, 0))
        figures[unit.pk] = (audience + 1, done + (user.pk in read))
    return figures


def build(news_index, *, people: int, units: int, tag: str):
    sector = UnitFactory(name=f"Sektor {tag}", slug=f"sektor-{tag}")
    chosen = [
        UnitFactory(name=f"Enhet {tag}{n}", slug=f"enhet-{tag}-{n}", parent=sector)
        for n in range(units)
    ]
    users = [
        place(UserFactory(username=f"p{tag}{n}"), chosen[n % units])
        for n in range(people)
    ]
    page = NewsPageFactory(parent=news_index, title=f"Rutine {tag}")
    page.must_read_until = page.date
    page.must_read_units.set([sector])
    page.save()
    Acknowledgement.objects.bulk_create(
        Acknowledgement(user=user, page=page) for user in users[::3]
    )
    return page, sector


@pytest.mark.parametrize(("people", "units"), [(5, 2), (50, 6)])
def test_the_figures_equal_a_recount(news_index, people, units):
    page, sector = build(news_index, people=people, units=units, tag="a")
    UserFactory(username="utenfor")  # outside the audience

    figures = selectors.completion(page=page)

    truth = recount(page, {sector.pk})
    assert {row.unit_id: (row.audience, row.read) for row in figures.units} == truth
    assert figures.audience == people
    assert figures.read == sum(done for _a, done in truth.values())
    for row in figures.units:
        assert row.percent == round(100 * row.read / row.audience + 1e-9)


def test_the_completion_page_costs_the_same_at_two_sizes(client, news_index, team):
    client.force_login(team)
    costs = []
    for people, units, tag in ((5, 2, "s"), (50, 6, "l")):
        page, _sector = build(news_index, people=people, units=units, tag=tag)
        client.get(url(page))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(page))
        assert response.status_code == 200
        costs.append(len(queries))

    assert costs[0] == costs[1]


def test_the_overview_lists_current_must_read_stories_for_the_team(
    client, article, team, teacher
):
    response = get(client, team, "/ma-leses/")
    assert response.status_code == 200
    assert "Ny avviksrutine" in response.content.decode()
    assert get(client, teacher, "/ma-leses/").status_code == 403


def test_the_admin_menu_links_the_overview_for_the_team_only(client, team, editor):
    from django.test import RequestFactory
    from wagtail.admin.menu import admin_menu

    def shown(user) -> bool:
        request = RequestFactory().get("/admin/")
        request.user = user
        return any(
            item.url == "/ma-leses/"
            for item in admin_menu.menu_items_for_request(request)
        )

    assert shown(team)
    assert shown(editor)
    assert not shown(UserFactory(username="vanlig"))
