import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.core.models import StaffProfile, Unit
from tests.factories.core import UserFactory


def staff(username, unit, **fields):
    user = UserFactory(username=username, **fields)
    StaffProfile.objects.update_or_create(user=user, defaults={"unit": unit})
    return user


def test_the_units_page_shows_sectors_with_their_units_and_people(my_client, unit):
    staff("a1", unit)
    staff("a2", unit, is_active=False)

    html = my_client.get("/enheter/").content.decode()

    assert "Oppvekst" in html and 'href="/enhet/barnehagene/"' in html
    # Kari and a1; the deactivated a2 is not counted.
    assert "2 personer" in html


def test_a_unit_page_shows_leaders_people_cases_and_the_follow_button(
    my_client, me, unit, owner, make_case, make_update
):
    leader = staff("leder", unit, first_name="Lise", last_name="Leder")
    unit.leaders.add(leader)
    staff("borte", unit, first_name="Borte", last_name="Vekk", is_active=False)
    make_case("Ny barnehage på Berg")

    html = my_client.get("/enhet/barnehagene/").content.decode()

    assert "<h1>Barnehagene</h1>" in html
    assert html.index('href="/personer/leder/"') < html.index(
        'href="/personer/kari.nordmann/"'
    )
    assert "Borte Vekk" not in html
    assert "Ny barnehage på Berg" in html
    assert "Følg" in html


def test_a_sector_page_lists_the_people_of_its_units(my_client, me, sector):
    html = my_client.get(f"/enhet/{sector.slug}/").content.decode()
    assert "Kari Nordmann" in html and "Barnehagene" in html


@pytest.mark.parametrize("url", ["/enhet/finnes-ikke/", "/enhet/12345/"])
def test_an_unknown_unit_is_404(my_client, url):
    assert my_client.get(url).status_code == 404


def test_a_bad_page_number_on_a_unit_page_gets_a_notice(my_client, me, unit):
    html = my_client.get("/enhet/barnehagene/?side=x").content.decode()
    assert "er ikke et sidetall" in html and "Kari Nordmann" in html


def test_unit_pages_cost_the_same_for_5_and_50_people(my_client, me, unit, sector):
    def queries(url: str) -> int:
        my_client.get(url)
        with CaptureQueriesContext(connection) as context:
            assert my_client.get(url).status_code == 200
        return len(context)

    for n in range(4):
        staff(f"few{n}", unit)
    unit.leaders.add(me)
    few = [queries("/enhet/barnehagene/"), queries("/enheter/")]
    for n in range(45):
        staff(f"many{n}", unit)
    for n in range(10):
        Unit.objects.create(name=f"Enhet {n}", slug=f"enhet-{n}", parent=sector)
    unit.leaders.add(
        *StaffProfile.objects.filter(user__username__startswith="many").values_list(
            "user", flat=True
        )[:3]
    )

    assert [queries("/enhet/barnehagene/"), queries("/enheter/")] == few


def test_the_communication_team_downloads_a_units_contact_list(me, unit, client):
    from intranet.core.roles import COMMUNICATION

    staff("formel", unit, first_name="=SUM(A1)", last_name="")
    StaffProfile.objects.filter(user=me).update(mobile="+47 912 34 567")
    shown = staff("viser", unit, first_name="Vera", last_name="Viser")
    StaffProfile.objects.filter(user=shown).update(
        mobile="+47 444 55 666", hidden_fields=""
    )
    client.force_login(UserFactory(username="silje", groups=[COMMUNICATION]))

    response = client.get("/enhet/barnehagene/kontakter.csv")

    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = [line.split(";") for line in text.splitlines()]
    assert rows[0] == [
        "Navn",
        "Stilling",
        "Enhet",
        "Telefon på jobb",
        "Mobil",
        "E-post",
    ]
    assert [
        "Kari Nordmann",
        "Rådgiver",
        "Barnehagene",
        "63801234",
        "",
        "kari.nordmann@kommune.invalid",
    ] in rows
    assert "+47 444 55 666" in text and "912 34 567" not in text
    assert "'=SUM(A1)" in text


def test_staff_get_no_contact_list(my_client, unit):
    assert my_client.get("/enhet/barnehagene/kontakter.csv").status_code == 403
    html = my_client.get("/enhet/barnehagene/").content.decode()
    assert "kontakter.csv" not in html


def test_a_unit_page_shows_its_next_planned_activities_the_person_may_see(
    my_client, unit, sector, make_case
):
    import datetime

    from django.contrib.auth.models import Group
    from django.utils import timezone
    from wagtail.models import PageViewRestriction

    from tests.factories.planning import ActivityFactory

    today = timezone.localdate()

    def on(days: int) -> datetime.date:
        return today + datetime.timedelta(days=days)

    ActivityFactory(title="Foreldremøte om ny barnehage", unit=unit, start_date=on(3))
    ActivityFactory(title="Åpen dag i sektoren", unit=sector, start_date=on(1))
    ActivityFactory(title="Gammelt tiltak", unit=unit, start_date=on(-20))
    ActivityFactory(
        title="Avlyst tiltak", unit=unit, start_date=on(2), status="cancelled"
    )
    ActivityFactory(title="Et annet sted", start_date=on(2))
    secret = make_case("Omstilling i barnehagene")
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Ledergruppen")])
    ActivityFactory(
        title="Informasjon om omstillingen", unit=unit, case=secret, start_date=on(4)
    )

    page = my_client.get("/enhet/barnehagene/").content.decode()
    section = page.split("Planlagt kommunikasjon")[1].split("</section>")[0]
    assert section.index("Foreldremøte om ny barnehage") > 0
    for hidden in ("Gammelt tiltak", "Avlyst tiltak", "Et annet sted", "omstillingen"):
        assert hidden not in section
    assert "/arshjul/agenda/?unit=barnehagene" in section
    # A sector's page includes its units' activities, in date order.
    sector_page = my_client.get("/enhet/oppvekst/").content.decode()
    listed = sector_page.split("Planlagt kommunikasjon")[1].split("</section>")[0]
    assert listed.index("Åpen dag i sektoren") < listed.index("Foreldremøte")
