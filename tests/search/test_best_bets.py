"""Best bets: the pages the communication team recommends for a search."""

import pytest
from wagtail.models import PageViewRestriction

from intranet.core.roles import COMMUNICATION
from search.models import BestBet, SynonymGroup
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


def recommended(client, text: str) -> str:
    response = client.get("/sok/", {"q": text})
    assert response.status_code == 200
    html = response.content.decode()
    start = html.find('class="search-best-bets"')
    if start == -1:
        return ""
    return html[start : html.index("</section>", start)]


@pytest.fixture
def salary_page(make_article):
    return make_article("Lønnskalender 2026", intro="Datoer for lønn og feriepenger.")


def test_a_best_bet_is_shown_for_its_search_whatever_the_letters(
    staff_client, salary_page
):
    BestBet.objects.create(
        queries="lønn\nutbetaling av lønn",
        page=salary_page,
        description="Når lønna kommer hver måned.",
    )

    for text in ("lønn", "LONN", "  Lønn ", "utbetaling av lønn"):
        block = recommended(staff_client, text)
        assert "Anbefalt" in block
        assert "Lønnskalender 2026" in block
        assert "Når lønna kommer hver måned." in block
    assert recommended(staff_client, "lønn ferie") == ""
    assert recommended(staff_client, "ferie") == ""


def test_a_best_bet_is_found_through_a_synonym(staff_client, salary_page):
    BestBet.objects.create(queries="SFO", page=salary_page)
    SynonymGroup.objects.create(terms="SFO, skolefritidsordning")

    assert "Lønnskalender 2026" in recommended(staff_client, "skolefritidsordning")


def test_a_restricted_or_unpublished_page_is_not_recommended_to_outsiders(
    client, make_article, communication_group
):
    restricted = make_article("Kriseplan for kommunikasjon")
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.GROUPS
    ).groups.set([communication_group])
    withdrawn = make_article("Gammel kriseplan")
    withdrawn.unpublish()
    BestBet.objects.create(queries="kriseplan", page=restricted, sort_order=1)
    BestBet.objects.create(queries="kriseplan", page=withdrawn, sort_order=2)

    client.force_login(UserFactory(username="utenfor"))
    assert recommended(client, "kriseplan") == ""

    client.force_login(UserFactory(username="innenfor", groups=[COMMUNICATION]))
    block = recommended(client, "kriseplan")
    assert "Kriseplan for kommunikasjon" in block
    assert "Gammel kriseplan" not in block


def test_best_bets_come_in_the_teams_order_above_everything_else(
    staff_client, make_article, salary_page
):
    second = make_article("Feriepenger", intro="Utbetales i juni.")
    BestBet.objects.create(queries="lønn", page=second, sort_order=2)
    BestBet.objects.create(queries="lønn", page=salary_page, sort_order=1)
    html = staff_client.get("/sok/", {"q": "lønn"}).content.decode()

    block = recommended(staff_client, "lønn")
    assert block.index("Lønnskalender 2026") < block.index("Feriepenger")
    assert html.index("search-best-bets") < html.index("search-results")


def test_the_communication_team_edits_best_bets_and_synonyms_in_the_admin(
    client, salary_page
):
    team = UserFactory(username="silje", groups=[COMMUNICATION], is_staff=True)
    staff = UserFactory(username="kari2", is_staff=True)

    client.force_login(team)
    response = client.post(
        "/admin/snippets/search/synonymgroup/add/",
        {"terms": "NAV\nArbeids- og velferdsetaten", "note": ""},
    )
    assert response.status_code == 302
    assert SynonymGroup.objects.get().term_list() == [
        "NAV",
        "Arbeids- og velferdsetaten",
    ]
    response = client.post(
        "/admin/snippets/search/bestbet/add/",
        {"queries": "lønn", "page": salary_page.pk, "description": "", "sort_order": 0},
    )
    assert response.status_code == 302
    assert BestBet.objects.get().page_id == salary_page.pk
    for listing in (
        "/admin/snippets/search/bestbet/",
        "/admin/snippets/search/synonymgroup/",
    ):
        assert client.get(listing).status_code == 200

    client.force_login(staff)
    assert client.get("/admin/snippets/search/bestbet/add/").status_code in {302, 403}
