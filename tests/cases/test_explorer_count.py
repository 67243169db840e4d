"""The explorer of a case list counts its cases once per person, filters and
content (`intranet.core.explorer.KeptCountMixin`): a second visit asks no
count, and every change to what the person may see listed is counted at the
next visit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import CaseOwner
from tests.factories.cases import CasePageFactory
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


def counted(client, case_index, **filters) -> int:
    """How many cases the explorer says the listing holds (its pages)."""
    response = client.get(
        reverse("wagtailadmin_explore", args=[case_index.pk]), filters
    )
    assert response.status_code == 200
    return response.context["paginator"].count


def test_a_second_visit_asks_no_count(client, case_index, communication_member):
    for n in range(3):
        CasePageFactory(parent=case_index, title=f"Sak {n}")
    client.force_login(communication_member)
    assert counted(client, case_index) == 3

    with CaptureQueriesContext(connection) as queries:
        assert counted(client, case_index) == 3
        assert counted(client, case_index, p=1) == 3  # any page of the list

    cases_counted = [
        query["sql"]
        for query in queries
        if "COUNT(" in query["sql"] and '"cases_casepage"' in query["sql"]
    ]
    assert not cases_counted


def test_each_change_to_the_listing_is_counted_at_the_next_visit(
    client, case_index, communication_member
):
    client.force_login(communication_member)
    first = CasePageFactory(parent=case_index, title="Ny skolevei")
    assert counted(client, case_index) == 1

    second = CasePageFactory(parent=case_index, title="Bredbånd", status="completed")
    assert counted(client, case_index) == 2
    assert counted(client, case_index, status="completed") == 1  # each filter its own

    second.delete()
    assert counted(client, case_index) == 1
    first.unpublish()  # a draft stays listed for those who may edit it
    assert counted(client, case_index) == 1


def test_an_owner_counts_the_draft_of_their_own_case_only(client, case_index):
    """Someone without rights over the case list sees the published cases,
    and the drafts of the cases they own: becoming an owner is counted at
    the next visit, though no page was published."""
    CasePageFactory(parent=case_index, title="Publisert")
    draft = CasePageFactory(parent=case_index, title="Utkast", live=False)
    person = UserFactory(username="ansatt")
    client.force_login(person)
    assert counted(client, case_index) == 1

    CaseOwner.objects.create(case=draft, user=person)
    assert counted(client, case_index) == 2

    other = UserFactory(username="annen")
    client.force_login(other)
    assert counted(client, case_index) == 1  # not kept across people


def test_each_case_list_is_counted_on_its_own(client, home_page, communication_member):
    from tests.factories.cases import CaseIndexPageFactory

    schools = CaseIndexPageFactory(parent=home_page, title="Skolesaker", slug="skole")
    roads = CaseIndexPageFactory(parent=home_page, title="Veisaker", slug="vei")
    for n in range(3):
        CasePageFactory(parent=schools, title=f"Skolesak {n}")
    CasePageFactory(parent=roads, title="Veisak")
    client.force_login(communication_member)

    assert counted(client, schools) == 3
    assert counted(client, roads) == 1
