"""The admin explorer of a case list costs the same with 5 cases as with 45,
each created by someone else: one page of rows, and no filter that grows with
the people who ever created or edited a page (Wagtail's "owner" and "edited by"
filters offer a checkbox per person: thousands in a municipality)."""

import re

import pytest
from wagtail.models import PageLogEntry

from cases.models import CaseStatus
from tests.explorer import explore
from tests.factories.cases import CasePageFactory
from tests.factories.core import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

SMALL, LARGE = 5, 45
ROW = "data-listing-page-title"


@pytest.fixture
def add_cases(case_index):
    unit = UnitFactory(name="Oppvekst", slug="oppvekst")
    made = []

    def add(count: int, **fields) -> None:
        for _ in range(count):
            number = len(made)
            creator = UserFactory(username=f"skaper{number}")
            case = CasePageFactory(
                parent=case_index,
                title=f"Sak {number:03}",
                owner=creator,
                owners=[creator],
                unit=unit,
                **fields,
            )
            PageLogEntry.objects.log_action(case, "wagtail.edit", user=creator)
            made.append(case)

    return add


def test_the_explorer_of_a_case_list_costs_the_same_at_5_and_45_cases(
    client, case_index, communication_member, add_cases
):
    client.force_login(communication_member)
    add_cases(SMALL)
    small, small_queries = explore(client, case_index)
    add_cases(LARGE - SMALL)
    large, large_queries = explore(client, case_index)

    assert large_queries == small_queries
    assert small.count(ROW) == SMALL
    assert large.count(ROW) == 20  # one page of cases; the rest are paginated
    # No checkbox per creator or editor: the form does not grow with people.
    assert 'name="owner"' not in large
    assert 'name="edited_by"' not in large
    assert large.count('type="checkbox"') == small.count('type="checkbox"') + (
        20 - SMALL  # one bulk-action checkbox per row shown
    )


def test_the_explorer_of_a_case_list_filters_by_status_and_unit(
    client, case_index, communication_member, add_cases
):
    client.force_login(communication_member)
    add_cases(3, status=CaseStatus.ONGOING)
    add_cases(2, status=CaseStatus.COMPLETED)
    other_unit = UnitFactory(name="Helse", slug="helse")
    CasePageFactory(parent=case_index, title="Helsesaken", unit=other_unit)

    completed, _queries = explore(client, case_index, "?status=completed")
    assert completed.count(ROW) == 2
    in_health, _queries = explore(client, case_index, f"?unit={other_unit.pk}")
    assert in_health.count(ROW) == 1
    assert "Helsesaken" in in_health


def test_the_case_list_has_no_type_column_but_a_search_reaching_updates_has(
    client, case_index, communication_member, add_cases
):
    """Every row of a case list is a case: no "Type" column saying so twenty
    times. A search without filters finds their updates too, and says which
    is which."""
    client.force_login(communication_member)
    add_cases(2)
    listing, _queries = explore(client, case_index)
    assert listing.count(ROW) == 2
    assert "ordering=content_type__model" not in listing

    searched, _queries = explore(client, case_index, "?q=Sak")
    assert searched.count(ROW) >= 2
    assert re.search(r"<th[^>]*>\s*Type\s*</th>", searched)


def test_a_case_offers_no_menu_order_for_its_updates_but_the_list_does(
    client, case_index, communication_member, add_cases
):
    """A case's updates are listed by date everywhere, so no case row (nor the
    case's own page in the explorer) offers "Sort menu order"; the case list
    still sorts its cases."""
    client.force_login(communication_member)
    add_cases(2)
    html, _queries = explore(client, case_index)
    case = case_index.get_children().first()

    assert f"/admin/pages/{case.pk}/?ordering=ord" not in html
    assert f"/admin/pages/{case_index.pk}/?ordering=ord" in html
    inside, _queries = explore(client, case)
    assert f"/admin/pages/{case.pk}/?ordering=ord" not in inside
