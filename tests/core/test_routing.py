"""Finding the page at an address: the front page reads the pages on the way
in one query (``HomePage.route``) and answers as Wagtail's walk does."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from cases.models import CaseUpdatePage
from intranet.core import models as core_models
from intranet.core.roles import STAFF
from tests.factories.cases import (
    CaseIndexPageFactory,
    CasePageFactory,
    CaseUpdatePageFactory,
)
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def update(home_page):
    index = CaseIndexPageFactory(parent=home_page, slug="saker")
    case = CasePageFactory(parent=index, slug="ny-skolevei")
    return CaseUpdatePageFactory(parent=case, slug="gangfelt-ferdig")


def found(client, address: str):
    response = client.get(address)
    page = response.context["page"] if response.status_code == 200 else None
    return response.status_code, page


def test_a_page_three_levels_down_is_found_in_a_few_queries(staff_client, update, rf):
    """Wagtail's walk asks each level for its child and that child's own
    page: six queries to an update. Here: the pages on the way at once, and
    the update itself."""
    staff_client.get(update.url)  # the site, kept after the first request
    request = rf.get(update.url)

    with CaptureQueriesContext(connection) as queries:
        route = Page.route_for_request(request, update.url)

    page = route[0]
    assert isinstance(page, CaseUpdatePage) and page.pk == update.pk
    assert len(queries) <= 4, [query["sql"] for query in queries]
    # The parent comes with it, as the walk gives it: the case costs one query.
    with CaptureQueriesContext(connection) as queries:
        assert page.case.pk == update.get_parent().pk
    assert len(queries) == 1


def test_each_level_of_an_address_is_its_own_page(staff_client, update):
    case = update.get_parent()
    index = case.get_parent()

    assert found(staff_client, "/saker/")[1].pk == index.pk
    assert found(staff_client, "/saker/ny-skolevei/")[1].pk == case.pk
    assert found(staff_client, "/saker/ny-skolevei/gangfelt-ferdig/")[1].pk == (
        update.pk
    )


@pytest.mark.parametrize(
    "address",
    [
        "/saker/ny-skolevei/gangfelt-ferdig/mer/",  # past the last page
        "/saker/gangfelt-ferdig/",  # a level skipped
        "/ny-skolevei/gangfelt-ferdig/",  # the address starts too low
        "/saker/ny-skolevei/ukjent/",
    ],
)
def test_an_address_no_page_has_is_not_found(staff_client, update, address):
    assert found(staff_client, address)[0] == 404


def test_a_moved_page_is_found_at_its_new_address(staff_client, update):
    """The old address leads there (the redirect Wagtail keeps on a move)."""
    other_case = CasePageFactory(parent=update.get_parent().get_parent(), slug="bru")
    update.move(other_case, pos="last-child")

    assert found(staff_client, "/saker/bru/gangfelt-ferdig/")[1].pk == update.pk
    old = staff_client.get("/saker/ny-skolevei/gangfelt-ferdig/")
    assert old.status_code == 301 and old["Location"].endswith(
        "/saker/bru/gangfelt-ferdig/"
    )


def test_a_renamed_case_moves_the_address_of_its_updates(staff_client, update):
    case = update.get_parent().specific
    case.slug = "trygg-skolevei"
    case.save_revision().publish()

    assert found(staff_client, "/saker/trygg-skolevei/gangfelt-ferdig/")[1].pk == (
        update.pk
    )
    assert found(staff_client, "/saker/ny-skolevei/gangfelt-ferdig/")[0] == 404


def test_a_page_not_live_is_not_found_though_the_pages_above_it_are(
    staff_client, update
):
    update.unpublish()

    assert found(staff_client, "/saker/ny-skolevei/gangfelt-ferdig/")[0] == 404
    assert found(staff_client, "/saker/ny-skolevei/")[0] == 200


def test_a_page_below_a_restricted_page_stays_restricted(client, update):
    """Found by its address, it is still served only to the groups the case
    is restricted to (Wagtail checks the restrictions when serving)."""
    restriction = PageViewRestriction.objects.create(
        page=update.get_parent(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Skoleveigruppa"))

    client.force_login(UserFactory(username="utenfor"))
    refused = client.get(update.url)
    assert refused.status_code == 302 and update.title not in refused.content.decode()
    client.force_login(
        UserFactory(username="innenfor", groups=[STAFF, "Skoleveigruppa"])
    )
    assert found(client, update.url)[1].pk == update.pk


def test_a_page_model_that_routes_its_own_way_is_walked_to(
    staff_client, update, monkeypatch
):
    """A page model with its own ``route`` (say, sub-addresses of its own)
    must be asked: then the front page walks the levels as Wagtail does."""
    asked = []

    def route(page, request, path_components):
        asked.append(page.slug)
        return Page.route(page, request, path_components)

    monkeypatch.setattr(type(update.get_parent().specific), "route", route)
    core_models._default_routing.cache_clear()
    try:
        status, page = found(staff_client, update.url)
    finally:
        monkeypatch.undo()
        core_models._default_routing.cache_clear()

    assert status == 200 and page.pk == update.pk
    assert asked == ["ny-skolevei"]
