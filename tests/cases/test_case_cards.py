"""The case list keeps each case's card on its own: a change to one case shows
on its card at once, and the other cards are not rendered again."""

import pytest
from wagtail.actions.unpublish_page import UnpublishPageAction

from tests.factories.cases import (
    CaseIndexPageFactory,
    CasePageFactory,
    CaseUpdatePageFactory,
)
from tests.factories.core import UnitFactory, UserFactory, publish

pytestmark = pytest.mark.django_db

CARD = "cases/includes/case_summary.html"


@pytest.fixture
def index(home_page):
    return CaseIndexPageFactory(parent=home_page, title="Saker", slug="saker")


@pytest.fixture
def unit():
    return UnitFactory(name="Veg og park")


def make_case(index, unit, title: str, **fields):
    case = CasePageFactory(parent=index, unit=unit, title=title, live=False, **fields)
    return publish(case)


def case_list(client, index) -> tuple[str, int]:
    """The list's HTML and how many cards were rendered for it."""
    response = client.get(index.url)
    assert response.status_code == 200
    rendered = sum(template.name == CARD for template in response.templates)
    return response.content.decode(), rendered


def test_an_update_shows_on_its_case_card_and_the_other_cards_are_kept(
    staff_client, index, unit
):
    bridge = make_case(index, unit, "Ny bru over elva")
    make_case(index, unit, "Nytt lekeapparat i parken")
    make_case(index, unit, "Asfaltering av Storgata")
    html, rendered = case_list(staff_client, index)
    assert rendered == 3
    assert "Ingen oppdateringer ennå" in html

    update = CaseUpdatePageFactory(parent=bridge, unit=unit, live=False)
    publish(update, title="Støpingen er i gang")
    html, rendered = case_list(staff_client, index)

    assert rendered == 1
    # The case with the update comes first, with its new count.
    first_card = html.split('class="case-item"')[1]
    assert "Ny bru over elva" in first_card
    assert "1 oppdatering" in first_card

    UnpublishPageAction(update).execute()
    html, _rendered = case_list(staff_client, index)
    # (The card it had before the update is right again, and may be reused.)
    assert "1 oppdatering" not in html


def test_a_case_published_again_shows_its_new_summary_status_and_owners(
    staff_client, index, unit
):
    # Made before the list is seen: a new person changes who may see what.
    owner = UserFactory(first_name="Ola", last_name="Brubygger")
    case = make_case(index, unit, "Ny bru over elva", summary="Vi planlegger.")
    make_case(index, unit, "Nytt lekeapparat i parken")
    case_list(staff_client, index)

    case.case_owners.create(user=owner)
    publish(case, summary="Brua bygges nå.", status="completed")
    html, rendered = case_list(staff_client, index)

    assert rendered == 1
    assert "Brua bygges nå." in html
    assert "Vi planlegger." not in html
    assert "Ola Brubygger" in html
    assert "case-status--completed" in html


def test_a_unit_renamed_shows_on_every_card(staff_client, index, unit):
    make_case(index, unit, "Ny bru over elva")
    make_case(index, unit, "Nytt lekeapparat i parken")
    case_list(staff_client, index)

    unit.name = "Veg, park og idrett"
    unit.save()
    html, rendered = case_list(staff_client, index)

    assert rendered == 2
    assert html.count("Veg, park og idrett") >= 2


def test_an_owner_renamed_shows_on_the_card_of_their_case(staff_client, index, unit):
    from cases.models import CaseOwner

    owner = UserFactory(username="ola", first_name="Ola", last_name="Nordmann")
    case = make_case(index, unit, "Ny bru over elva")
    CaseOwner.objects.create(case=case, user=owner)
    publish(case)
    make_case(index, unit, "Nytt lekeapparat i parken")
    html, _rendered = case_list(staff_client, index)
    assert "Ola Nordmann" in html

    owner.last_name = "Fjellheim"
    owner.save()
    html, rendered = case_list(staff_client, index)
    assert "Ola Fjellheim" in html
    assert "Ola Nordmann" not in html

    owner.last_login = owner.date_joined
    owner.save(update_fields=["last_login"])  # a login: nobody's name changed
    _html, rendered = case_list(staff_client, index)
    assert rendered == 0


def test_a_view_restriction_rebuilds_the_list_and_keeps_the_other_cards(
    staff_client, index, unit
):
    """A change that names no scope rebuilds the list (who sees what may
    have changed); the cards of the cases still shown are not rendered
    again, and the restricted case leaves the list."""
    from wagtail.models import PageViewRestriction

    secret = make_case(index, unit, "Ny bru over elva")
    make_case(index, unit, "Nytt lekeapparat i parken")
    make_case(index, unit, "Asfaltering av Storgata")
    case_list(staff_client, index)

    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    html, rendered = case_list(staff_client, index)
    assert "Ny bru over elva" not in html
    assert "Nytt lekeapparat i parken" in html
    assert "Asfaltering av Storgata" in html
    assert rendered == 0


def test_a_new_address_above_the_cases_moves_the_links_on_their_cards(
    staff_client, index, unit
):
    """The case list given a new slug moves every case's address without
    publishing the cases again: each card links to the new one at once."""
    case = make_case(index, unit, "Ny bru over elva")
    old_url = case.get_url()
    html, _rendered = case_list(staff_client, index)
    assert f'href="{old_url}"' in html

    publish(index, slug="prosjekter")
    case.refresh_from_db()
    html, rendered = case_list(staff_client, index)
    assert "/prosjekter/" in case.get_url()
    assert f'href="{old_url}"' not in html
    assert f'href="{case.get_url()}"' in html
    assert rendered == 1


def test_an_owner_deleted_leaves_the_card_of_their_case(staff_client, index, unit):
    from cases.models import CaseOwner

    owner = UserFactory(username="ola", first_name="Ola", last_name="Nordmann")
    case = make_case(index, unit, "Ny bru over elva")
    CaseOwner.objects.create(case=case, user=owner)
    publish(case)
    assert "Ola Nordmann" in case_list(staff_client, index)[0]

    owner.delete()
    html, _rendered = case_list(staff_client, index)
    assert "Ny bru over elva" in html
    assert "Ola Nordmann" not in html
