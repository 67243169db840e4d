"""The year, month and agenda views, my activities, quick-add and marking done."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intranet.planning.models import ActivityStatus, CommunicationActivity
from tests.factories.cases import CasePageFactory, CaseUpdatePageFactory
from tests.factories.core import UnitFactory, UserFactory
from tests.factories.news import NewsPageFactory
from tests.factories.planning import ActivityFactory

pytestmark = pytest.mark.django_db
YEAR = 2027


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


def titles(response, key="months"):
    if key == "months":
        return sorted(a.title for m in response.context["months"] for a in m.activities)
    return sorted(a.title for a in response.context[key])


def test_the_year_view_shows_twelve_months_with_their_activities(owner_client, owner):
    ActivityFactory(
        title="Budsjett", start_date=datetime.date(YEAR, 10, 14), owners=[owner]
    )
    ActivityFactory(
        title="17. mai", start_date=datetime.date(YEAR, 5, 17), owners=[owner]
    )
    ActivityFactory(
        title="Avlyst",
        start_date=datetime.date(YEAR, 5, 1),
        status=ActivityStatus.CANCELLED,
    )
    ActivityFactory(title="I fjor", start_date=datetime.date(YEAR - 1, 5, 17))

    response = owner_client.get(f"/arshjul/{YEAR}/")

    assert response.status_code == 200
    months = response.context["months"]
    assert len(months) == 12
    assert [a.title for a in months[4].activities] == ["17. mai"]
    assert [a.title for a in months[9].activities] == ["Budsjett"]
    html = response.content.decode()
    assert '<h2 id="month-5">' in html
    assert "Årshjul 2027" in html


def test_the_year_view_defaults_to_the_current_year(owner_client):
    response = owner_client.get("/arshjul/")
    assert response.context["year"] == timezone.localdate().year


@pytest.mark.parametrize(
    "path",
    [
        "/arshjul/1999/",
        "/arshjul/2101/",
        "/arshjul/2027/13/",
        "/arshjul/2027/0/",
        "/arshjul/99999999999999999999/",
    ],
)
def test_years_and_months_outside_the_plan_are_not_found(owner_client, path):
    assert owner_client.get(path).status_code == 404


def test_each_filter_narrows_the_year_view(owner_client, owner, home_page):
    school = UnitFactory(slug="grunnskolene", name="Grunnskolene")
    sector = UnitFactory(slug="oppvekst", name="Oppvekst")
    school.parent = sector
    school.save()
    other = UserFactory(username="lars")
    case = CasePageFactory(parent=home_page, title="Nytt bibliotek")
    ActivityFactory(
        title="Skolestart",
        start_date=datetime.date(YEAR, 8, 16),
        unit=school,
        owners=[owner],
        audiences=["citizens", "press"],
        channels=["website", "press"],
    )
    ActivityFactory(
        title="Åpning",
        start_date=datetime.date(YEAR, 9, 4),
        case=case,
        owners=[other],
        audiences=["politicians"],
        channels=["meeting"],
    )

    def shown(query):
        return titles(owner_client.get(f"/arshjul/{YEAR}/?{query}"))

    assert shown("") == ["Skolestart", "Åpning"]
    assert shown("unit=grunnskolene") == ["Skolestart"]
    assert shown("unit=oppvekst") == ["Skolestart"]  # a sector includes its units
    assert shown(f"case={case.pk}") == ["Åpning"]
    assert shown("channel=press") == ["Skolestart"]
    assert shown("channel=meeting") == ["Åpning"]
    assert shown("audience=politicians") == ["Åpning"]
    assert shown("audience=press") == ["Skolestart"]
    assert shown("owner=lars") == ["Åpning"]
    assert shown("owner=eier&channel=meeting") == []


def test_unknown_filter_values_are_ignored_with_a_norwegian_message(
    owner_client, owner
):
    ActivityFactory(
        title="Skolestart", start_date=datetime.date(YEAR, 8, 16), owners=[owner]
    )

    response = owner_client.get(
        f"/arshjul/{YEAR}/?unit=finnes-ikke&channel=brevdue&case=abc&owner=ingen&audience=%00"
    )

    assert response.status_code == 200
    assert titles(response) == ["Skolestart"]
    html = response.content.decode()
    assert "Ukjent verdi for filteret «Enhet»: det ble ikke brukt." in html
    assert "Ukjent verdi for filteret «Kanal»" in html
    assert "Ukjent verdi for filteret «Ansvarlig»" in html


def test_the_month_view_places_activities_on_their_days(owner_client, owner):
    ActivityFactory(
        title="Bibliotekåpning",
        start_date=datetime.date(YEAR, 9, 4),
        end_date=datetime.date(YEAR, 9, 5),
        owners=[owner],
    )
    ActivityFactory(
        title="Oktober", start_date=datetime.date(YEAR, 10, 1), owners=[owner]
    )

    response = owner_client.get(f"/arshjul/{YEAR}/9/")

    assert response.status_code == 200
    days = {
        cell.day: [a.title for a in cell.activities]
        for week in response.context["weeks"]
        for cell in week
        if cell.in_month
    }
    assert days[datetime.date(YEAR, 9, 4)] == ["Bibliotekåpning"]
    assert days[datetime.date(YEAR, 9, 5)] == ["Bibliotekåpning"]
    assert days[datetime.date(YEAR, 9, 6)] == []
    assert titles(response, "activities") == ["Bibliotekåpning"]
    assert response.context["weeks"][0][0].day.weekday() == 0  # weeks start on Monday


def test_the_agenda_lists_from_a_day_on_and_paginates(owner_client, owner):
    start = datetime.date(YEAR, 1, 1)
    for n in range(30):
        ActivityFactory(
            title=f"Tiltak {n:02d}",
            start_date=start + datetime.timedelta(days=n),
            owners=[owner],
        )

    first = owner_client.get(f"/arshjul/agenda/?fra={YEAR}-01-03")
    second = owner_client.get(f"/arshjul/agenda/?fra={YEAR}-01-03&side=2")

    assert [a.title for a in first.context["activities"]][:2] == [
        "Tiltak 02",
        "Tiltak 03",
    ]
    assert len(first.context["activities"]) == 25
    assert len(second.context["activities"]) == 3
    bad = owner_client.get("/arshjul/agenda/?fra=31.02.2027&side=x")
    assert bad.status_code == 200
    assert "Startdatoen ble ikke forstått" in bad.content.decode()


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        f"/arshjul/{YEAR}/",
        f"/arshjul/{YEAR}/3/",
        f"/arshjul/agenda/?fra={YEAR}-01-01",
        "/arshjul/mine/",
    ],
)
def test_views_keep_a_constant_query_count_with_20_and_500_activities(
    owner_client, owner, url
):
    unit = UnitFactory()
    people = [owner, UserFactory(), UserFactory()]

    def add(count):
        for n in range(count):
            ActivityFactory(
                start_date=datetime.date(YEAR, 3, 1 + n % 28),
                unit=unit,
                owners=people[: 1 + n % 3],
            )

    add(20)
    owner_client.get(url)  # warm the session and caches
    cache.clear()  # the plan as read and rendered, not as kept
    small = _count_queries(owner_client, url)
    add(480)
    cache.clear()
    large = _count_queries(owner_client, url)

    assert small == large


def test_my_activities_lists_only_mine_not_done_first(owner_client, owner, other_staff):
    ActivityFactory(title="Mitt", owners=[owner])
    ActivityFactory(title="Ferdig", owners=[owner], status=ActivityStatus.DONE)
    ActivityFactory(title="Andres", owners=[other_staff])

    response = owner_client.get("/arshjul/mine/")

    assert [a.title for a in response.context["activities"]] == ["Mitt"]
    assert [a.title for a in response.context["recently_done"]] == ["Ferdig"]


def test_quick_add_makes_the_person_responsible(owner_client, owner, other_staff):
    response = owner_client.get("/arshjul/ny/")
    assert "owners" not in response.context["form"].fields

    response = owner_client.post(
        "/arshjul/ny/",
        {
            "title": "Kronikk om velferdsteknologi",
            "start_date": f"{YEAR}-04-08",
            "end_date": "",
            "audiences": ["citizens", "politicians"],
            "channels": ["press"],
            "proactive": "on",
            "owners": [other_staff.pk],  # ignored: staff add for themselves
        },
    )

    activity = CommunicationActivity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/arshjul/tiltak/{activity.pk}/"
    assert activity.end_date == activity.start_date == datetime.date(YEAR, 4, 8)
    assert list(activity.owners.all()) == [owner]
    assert activity.audiences == ["citizens", "politicians"]


def test_the_communication_team_chooses_owners(client, team_member, owner):
    client.force_login(team_member)
    response = client.post(
        "/arshjul/ny/",
        {"title": "Budsjett", "start_date": f"{YEAR}-10-14", "owners": "Eva Eier"},
    )

    assert response.status_code == 302
    assert list(CommunicationActivity.objects.get().owners.all()) == [owner]


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2027-05-10", "2027-05-01", "Sluttdatoen kan ikke være før datoen."),
        ("1850-05-10", "", "Velg en dato mellom årene 2000 og 2100."),
        ("2027-02-30", "", "Oppgi en gyldig dato."),
    ],
)
def test_quick_add_refuses_bad_dates_with_a_message(owner_client, start, end, message):
    response = owner_client.post(
        "/arshjul/ny/", {"title": "Feil", "start_date": start, "end_date": end}
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CommunicationActivity.objects.exists()


def test_owners_mark_an_activity_done_by_linking_the_story(
    owner_client, owner, home_page
):
    activity = ActivityFactory(
        title="Skolestart", start_date=timezone.localdate(), owners=[owner]
    )
    story = NewsPageFactory(title="Velkommen til skolen")

    page = owner_client.get(f"/arshjul/tiltak/{activity.pk}/")
    assert story.pk in [
        p.pk for p in page.context["done_form"].fields["story"].queryset
    ]
    response = owner_client.post(f"/arshjul/tiltak/{activity.pk}/", {"story": story.pk})

    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.DONE
    assert activity.story_id == story.pk
    page = owner_client.get(f"/arshjul/tiltak/{activity.pk}/")
    assert "Velkommen til skolen" in page.content.decode()
    assert "Utført" in page.content.decode()


def test_others_cannot_mark_someone_elses_activity_done(
    client, other_staff, owner, home_page
):
    activity = ActivityFactory(owners=[owner])
    story = NewsPageFactory()
    client.force_login(other_staff)

    assert client.get(f"/arshjul/tiltak/{activity.pk}/").context["done_form"] is None
    assert (
        client.post(f"/arshjul/tiltak/{activity.pk}/", {"story": story.pk}).status_code
        == 403
    )
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PLANNED


def test_a_story_that_is_not_a_published_story_is_refused(
    owner_client, owner, home_page
):
    activity = ActivityFactory(owners=[owner], start_date=timezone.localdate())
    case = CasePageFactory(parent=home_page)
    draft = CaseUpdatePageFactory(parent=case, live=False)

    for story_id in (case.pk, draft.pk, "abc", 999999):
        response = owner_client.post(
            f"/arshjul/tiltak/{activity.pk}/", {"story": story_id}
        )
        assert response.status_code == 400

    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PLANNED


def test_an_unknown_activity_is_not_found(owner_client):
    assert owner_client.get("/arshjul/tiltak/999/").status_code == 404
    assert owner_client.get("/arshjul/tiltak/999/kalender.ics").status_code == 404


def test_overdue_is_shown(owner_client, owner):
    activity = ActivityFactory(
        owners=[owner], start_date=timezone.localdate() - datetime.timedelta(days=3)
    )

    response = owner_client.get(f"/arshjul/tiltak/{activity.pk}/")

    assert "Forfalt" in response.content.decode()


def test_the_plan_needs_a_login(client):
    response = client.get("/arshjul/")
    assert response.status_code == 302
    assert "/logg-inn/" in response["Location"]


def test_dates_in_the_plan_name_the_month_in_lower_case(owner_client):
    """Norwegian writes «8. jan», not «8. Jan»."""
    ActivityFactory(
        title="Skolestart",
        start_date=datetime.date(YEAR, 1, 8),
        end_date=datetime.date(YEAR, 1, 9),
    )

    body = owner_client.get(f"/arshjul/{YEAR}/1/").content.decode()

    assert ">8. jan<" in body
    assert ">9. jan<" in body
    assert "8. Jan" not in body


def test_the_month_and_the_agenda_give_week_numbers(owner_client):
    # 8 January 2027 is a Friday in ISO week 1; 11 January starts week 2.
    ActivityFactory(title="Skolestart", start_date=datetime.date(YEAR, 1, 11))

    month = owner_client.get(f"/arshjul/{YEAR}/1/").content.decode()
    agenda = owner_client.get(f"/arshjul/agenda/?fra={YEAR}-01-01").content.decode()

    assert 'abbr title="Ukenummer">Uke</abbr>' in month
    # One row per week of January 2027: ISO weeks 53 (of 2026) to 4.
    for week in (53, 1, 2, 3, 4):
        assert f'<span class="visually-hidden">Uke </span>{week}</th>' in month
    assert "(uke 2)" in agenda


def test_the_kept_filter_form_shows_the_choice_made_and_every_unit(
    owner_client, home_page
):
    """The rendered filter form is kept between requests: each address keeps
    its own choices, and a new unit is offered at once."""
    UnitFactory(slug="grunnskolene", name="Grunnskolene")

    def filter_form(query: str) -> str:
        html = owner_client.get(f"/arshjul/{YEAR}/{query}").content.decode()
        return html[html.index('<form class="plan-filters"') :].split("</form>")[0]

    assert 'value="grunnskolene">' in filter_form("")
    assert 'value="grunnskolene" selected>' in filter_form("?unit=grunnskolene")
    assert 'value="grunnskolene">' in filter_form("")
    assert "Barnehagene" not in filter_form("")

    UnitFactory(slug="barnehagene", name="Barnehagene")

    assert 'value="barnehagene">Barnehagene' in filter_form("")
    assert 'value="barnehagene">Barnehagene' in filter_form("?unit=grunnskolene")
