"""The communication team's overview of what is overdue, per unit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.freshness.selectors import SHOWN_PER_UNIT
from tests.factories.core import UnitFactory

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def fill(make_case, make_article, *, units, per_unit: int) -> None:
    for unit in units:
        for number in range(per_unit):
            make_case(f"Stille sak {unit.slug} {number}", quiet_days=200, unit=unit)
            make_article(f"Gammel nyhet {unit.slug} {number}", age_days=500, unit=unit)


def test_the_team_sees_counts_and_the_first_ten_per_unit(
    client, make_case, make_article, communication_member, unit
):
    other = UnitFactory(name="Oppvekst", slug="oppvekst")
    fill(make_case, make_article, units=[unit], per_unit=SHOWN_PER_UNIT + 2)
    fill(make_case, make_article, units=[other], per_unit=1)
    make_case("Fersk sak", quiet_days=1, unit=other)
    make_case("Ferdig sak", quiet_days=900, unit=other, status="completed")
    login(client, communication_member)

    html = client.get("/aktualitet/").content.decode()

    assert "Helse og omsorg" in html and "Oppvekst" in html
    assert html.count("Stille sak helse-og-omsorg") == SHOWN_PER_UNIT
    assert html.count("Gammel nyhet helse-og-omsorg") == SHOWN_PER_UNIT
    assert "10 av 12 vist, se alle" in html
    assert f"/aktualitet/saker/enhet/{unit.pk}/" in html
    assert "Fersk sak" not in html and "Ferdig sak" not in html
    assert "<td>12</td>" in html

    everything = client.get(f"/aktualitet/saker/enhet/{unit.pk}/").content.decode()
    assert everything.count("Stille sak helse-og-omsorg") == SHOWN_PER_UNIT + 2
    pages = client.get(f"/aktualitet/sider/enhet/{unit.pk}/").content.decode()
    assert pages.count("Gammel nyhet helse-og-omsorg") == SHOWN_PER_UNIT + 2


def test_the_overview_costs_the_same_at_two_sizes(
    client, make_case, make_article, communication_member
):
    login(client, communication_member)
    units = [UnitFactory(name=f"Enhet {n}", slug=f"enhet-{n}") for n in range(2)]
    fill(make_case, make_article, units=units, per_unit=2)
    client.get("/aktualitet/")  # warm per-process caches
    with CaptureQueriesContext(connection) as small:
        assert client.get("/aktualitet/").status_code == 200

    more = [UnitFactory(name=f"Enhet {n}", slug=f"enhet-{n}") for n in range(2, 5)]
    fill(make_case, make_article, units=units + more, per_unit=4)
    client.get("/aktualitet/")  # the new content refills the site-wide caches
    with CaptureQueriesContext(connection) as large:
        html = client.get("/aktualitet/").content.decode()

    assert "Enhet 4" in html
    assert len(large) == len(small)


def test_only_the_team_and_superusers_see_it(client, other_staff, owner):
    login(client, other_staff)
    assert client.get("/aktualitet/").status_code == 403
    assert client.get("/aktualitet/saker/enhet/0/").status_code == 403


def test_a_bad_page_number_shows_the_first_page(client, communication_member):
    login(client, communication_member)

    response = client.get("/aktualitet/sider/enhet/0/", {"side": "tull"})

    assert response.status_code == 200


def test_the_team_finds_it_in_the_admin_menu(client, communication_member, editor):
    login(client, communication_member)
    assert '"url": "/aktualitet/"' in client.get("/admin/").content.decode()

    login(client, editor)
    admin = client.get("/admin/")
    assert admin.status_code == 200
    assert '"url": "/aktualitet/"' not in admin.content.decode()
