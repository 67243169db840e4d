"""Group-restricted cases and updates reach only the group, on every page list.

One world for every surface: a case restricted to "Ledergruppen", and a public
case with one public update and one update restricted to the group. A colleague
outside the group sees neither restricted title; a member sees both.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cases import services as case_services
from cases.models import CasePage, CaseStatus
from intranet.core import page_access
from intranet.core.models import Topic, Unit
from intranet.core.page_access import denied_paths, visible_to, without_hidden
from intranet.core.roles import COMMUNICATION, EDITORS, STAFF
from news import services as news_services
from tests.factories.cases import CaseIndexPageFactory
from tests.factories.core import UserFactory
from tests.factories.insights import StoryReadDayFactory
from tests.postgres import postgres_only

pytestmark = pytest.mark.django_db

SECRET_CASE = "Nedbemanning i sentraladministrasjonen"
SECRET_SUMMARY = "Tre stillinger skal bort"
SECRET_UPDATE = "Lønnsforhandlingene har brutt sammen"
SECRET_INTRO = "Partene møtes ikke igjen før i august"
OPEN_CASE = "Ny barnehage på Frogner"
OPEN_UPDATE = "Tomten er regulert"
SECRETS = (SECRET_CASE, SECRET_SUMMARY, SECRET_UPDATE, SECRET_INTRO)


@pytest.fixture(autouse=True)
def _database_search(settings):
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_BACKEND = ""


def restrict(page: Page, group: Group) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([group])


@pytest.fixture
def world(home_page):
    group = Group.objects.create(name="Ledergruppen")
    owner = UserFactory(username="eva.eier", first_name="Eva", last_name="Eier")
    sector = Unit.objects.create(name="Oppvekst", slug="oppvekst")
    unit = Unit.objects.create(name="Barnehagene", slug="barnehagene", parent=sector)
    topic = Topic.objects.create(name="Barnehage", slug="barnehage")
    index = CaseIndexPageFactory(parent=home_page, title="Saker", slug="saker")
    long_ago = timezone.now() - datetime.timedelta(days=100)

    def case(title: str, summary: str):
        return case_services.case_create(
            index=index,
            title=title,
            owners=[owner],
            summary=summary,
            unit=unit,
            topics=[topic],
            communication_need="none",
            status=CaseStatus.ONGOING,
        )

    def update(parent, title: str, intro: str):
        return case_services.case_update_create(
            case=parent,
            title=title,
            intro=intro,
            author=owner,
            publication_date=long_ago,
            unit=unit,
            topics=[topic],
            positioning_themes=["innovation"],
            nomination_text="Viser nyskaping.",
        )

    secret_case = case(SECRET_CASE, SECRET_SUMMARY)
    open_case = case(OPEN_CASE, "Alle kan lese om den")
    update(open_case, OPEN_UPDATE, "Byggingen starter til høsten")
    secret_update = update(open_case, SECRET_UPDATE, SECRET_INTRO)
    CasePage.objects.filter(pk__in=[secret_case.pk, open_case.pk]).update(
        first_published_at=long_ago
    )
    restrict(secret_case, group)
    restrict(secret_update, group)
    news_index = news_services.news_index_create(
        parent=home_page, title="Nyheter", slug="nyheter"
    )
    article = news_services.news_article_create(
        index=news_index,
        title="Budsjettet er lagt fram",
        intro="Se saken for detaljer.",
        owner=UserFactory(username="hilde.strand", groups=[STAFF, EDITORS]),
        related_case=secret_case,
    )
    return {
        "group": group,
        "owner": owner,
        "index": index,
        "open_case": open_case,
        "secret_case": secret_case,
        "secret_update": secret_update,
        "article": article,
        "unit": unit,
        "topic": topic,
    }


@pytest.fixture
def outsider(db):
    return UserFactory(username="kim.kollega", groups=[STAFF])


@pytest.fixture
def member(world):
    return UserFactory(username="lena.leder", groups=[STAFF, world["group"]])


def read(client, user, url: str, **params) -> str:
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_hidden(html: str) -> None:
    for secret in SECRETS:
        assert secret not in html


SURFACES = [
    pytest.param(lambda w: ("/saker/", {}), id="case list"),
    pytest.param(lambda w: ("/saker/", {"q": "a"}), id="case list search"),
    pytest.param(lambda w: ("/saker/", {"status": "ongoing"}), id="case list filter"),
    pytest.param(lambda w: (w["open_case"].url, {}), id="case timeline"),
    pytest.param(lambda w: (w["article"].url, {}), id="article case line"),
    pytest.param(lambda w: ("/personer/eva.eier/", {}), id="person page"),
    pytest.param(lambda w: ("/tema/barnehage/", {}), id="topic page"),
    pytest.param(lambda w: ("/enhet/barnehagene/", {}), id="unit page"),
    pytest.param(lambda w: ("/vi-viser-det/", {}), id="showcase"),
]


@pytest.mark.parametrize("surface", SURFACES)
def test_a_colleague_outside_the_group_sees_no_restricted_case_or_update(
    client, world, outsider, surface
):
    url, params = surface(world)

    html = read(client, outsider, url, **params)

    assert_hidden(html)


@pytest.mark.parametrize("surface", SURFACES)
def test_a_member_of_the_group_sees_them(client, world, member, surface):
    url, params = surface(world)

    html = read(client, member, url, **params)

    if url == world["article"].url:
        assert SECRET_CASE in html
    elif url == world["open_case"].url or url == "/vi-viser-det/":
        assert SECRET_UPDATE in html
    else:
        assert SECRET_CASE in html or SECRET_UPDATE in html


def test_the_case_list_counts_no_restricted_update_even_for_members(
    client, world, outsider, member
):
    """The list's count and date are one for everyone who sees the case, so
    neither tells an outsider that a restricted update exists."""

    def shown(user) -> tuple:
        client.force_login(user)
        cases = client.get("/saker/").context["cases"]
        case = next(c for c in cases if c.title == OPEN_CASE)
        return case.update_count, case.last_update_at

    assert shown(outsider) == shown(member)
    assert shown(outsider)[0] == 1


def test_the_front_page_never_shows_restricted_stories_even_to_members(
    client, world, outsider, member
):
    # The member renders first, so a shared cached fragment would carry the
    # restricted update over to the outsider.
    assert OPEN_UPDATE in read(client, member, "/")
    assert SECRET_UPDATE not in read(client, member, "/")

    assert_hidden(read(client, outsider, "/"))


def test_an_owner_outside_the_group_still_finds_their_own_case_in_my_cases(
    client, world
):
    # "Mine saker" lists what the person runs and may edit in the admin anyway.
    html = read(client, world["owner"], reverse("cases:my_cases"))

    assert SECRET_CASE in html


@pytest.fixture
def team_member(db):
    return UserFactory(username="silje", groups=[STAFF, COMMUNICATION])


def test_insights_name_only_the_restricted_stories_the_viewer_may_see(
    client, world, team_member
):
    StoryReadDayFactory(page=world["secret_update"], readers=40)
    StoryReadDayFactory(page=world["open_case"], readers=3)

    def tables() -> str:
        return "".join(
            read(client, team_member, reverse("insights_admin:csv", args=[slug]))
            for slug in ("saker-uten-oppdatering", "mest-lest")
        )

    outside = tables()
    assert OPEN_CASE in outside
    assert SECRET_CASE not in outside
    assert SECRET_UPDATE not in outside

    team_member.groups.add(world["group"])
    inside = tables()
    assert SECRET_CASE in inside
    assert SECRET_UPDATE in inside


# The rule itself ------------------------------------------------------------


def visible_titles(user) -> set[str]:
    return set(
        without_hidden(Page.objects.filter(depth__gt=2), user=user).values_list(
            "title", flat=True
        )
    )


def test_the_rule_follows_wagtails_restriction_types(world, outsider, member):
    superuser = UserFactory(username="root", is_superuser=True)
    login_only = world["open_case"]
    PageViewRestriction.objects.create(
        page=world["article"], restriction_type=PageViewRestriction.PASSWORD
    )

    for user in (outsider, member, superuser):
        assert "Budsjettet er lagt fram" not in visible_titles(user)
    assert SECRET_CASE not in visible_titles(outsider)
    assert SECRET_UPDATE not in visible_titles(outsider)
    assert {SECRET_CASE, SECRET_UPDATE} <= visible_titles(member)
    assert {SECRET_CASE, SECRET_UPDATE} <= visible_titles(superuser)

    PageViewRestriction.objects.create(
        page=login_only, restriction_type=PageViewRestriction.LOGIN
    )
    assert OPEN_UPDATE in visible_titles(outsider)
    assert OPEN_UPDATE not in visible_titles(AnonymousUser())
    assert OPEN_CASE not in visible_titles(AnonymousUser())


def test_the_rule_costs_one_query_for_the_restrictions(world, outsider):
    with CaptureQueriesContext(connection) as queries:
        pages = list(without_hidden(Page.objects.all(), user=outsider))

    # One for the restricted branches the person may not see (and one for the
    # content version they are kept under), one for the rows.
    assert [q["sql"] for q in queries].count(restrictions_read(queries)) == 1
    assert len(queries) == 3
    assert {SECRET_CASE, SECRET_UPDATE}.isdisjoint(page.title for page in pages)

    with CaptureQueriesContext(connection) as again:
        list(without_hidden(Page.objects.all(), user=outsider))

    # Kept until the content version moves: the version and the rows.
    assert restrictions_read(again) is None
    assert len(again) == 2


def restrictions_read(queries) -> str | None:
    reads = [
        q["sql"]
        for q in queries
        if 'FROM "wagtailcore_pageviewrestriction"' in q["sql"]
    ]
    return reads[0] if reads else None


def test_a_restriction_inside_a_denied_branch_adds_no_condition(world, outsider):
    inner = PageViewRestriction.objects.create(
        page=world["secret_case"], restriction_type=PageViewRestriction.PASSWORD
    )

    assert denied_paths(outsider) == sorted(
        {world["secret_case"].path, world["secret_update"].path}
    )
    inner.delete()
    restrict(world["index"], world["group"])  # the whole list, above both

    assert denied_paths(outsider) == [world["index"].path]


@pytest.mark.parametrize("per_row", [False, True])
def test_many_restricted_branches_are_looked_up_per_row_with_the_same_answer(
    world, outsider, member, monkeypatch, per_row
):
    if per_row:
        monkeypatch.setattr(page_access, "MAX_PREFIX_TESTS", 0)

    assert {SECRET_CASE, SECRET_UPDATE}.isdisjoint(visible_titles(outsider))
    assert {SECRET_CASE, SECRET_UPDATE} <= visible_titles(member)
    live_for_outsider = set(
        Page.objects.filter(visible_to(outsider), depth__gt=2).values_list(
            "title", flat=True
        )
    )
    assert OPEN_UPDATE in live_for_outsider
    assert SECRET_UPDATE not in live_for_outsider


def test_past_the_bound_the_restrictions_are_not_all_read(world, outsider, monkeypatch):
    # Every page shows the unread count, whose condition reads the person's
    # restricted branches: with thousands of restricted cases it must not
    # fetch them all, only enough to know there are too many to list.
    monkeypatch.setattr(page_access, "MAX_PREFIX_TESTS", 1)  # two are denied

    with CaptureQueriesContext(connection) as queries:
        titles = set(
            Page.objects.filter(visible_to(outsider), depth__gt=2).values_list(
                "title", flat=True
            )
        )

    assert "LIMIT 2" in restrictions_read(queries)
    assert OPEN_UPDATE in titles
    assert {SECRET_CASE, SECRET_UPDATE}.isdisjoint(titles)


def test_the_condition_grows_with_the_depths_not_with_the_branches_denied(
    world, outsider
):
    """Every page of the site builds this condition (the unread count in the
    header): it names each denied branch's path, but tests the row once per
    depth of those paths, not once per branch (a condition each to build,
    compile and evaluate)."""

    def conditions() -> int:
        query = without_hidden(Page.objects.all(), user=outsider).query
        return str(query).count('"path"')

    few = conditions()
    for number in range(12):  # more closed cases, at the depth of the first
        page = world["index"].add_child(
            instance=Page(title=f"Lukket {number}", slug=f"lukket-{number}")
        )
        restrict(page, world["group"])
    assert len(denied_paths(outsider)) >= 12

    assert conditions() == few
    titles = visible_titles(outsider)
    assert not any(title.startswith("Lukket") for title in titles)
    assert OPEN_UPDATE in titles
    assert {SECRET_CASE, SECRET_UPDATE}.isdisjoint(titles)


def test_the_lists_cached_for_everyone_test_once_per_depth_of_restricted_branches(
    client, world, member
):
    """The front page's story lists and the news listing show only pages no
    restriction applies to. Wagtail's ``public()`` tests each restricted branch
    in a condition of its own, so their cost grew with the municipality's
    restricted cases; they test once per depth, like every other list."""
    from cases.selectors import latest_case_updates
    from news.selectors import latest_news

    def conditions() -> int:
        with CaptureQueriesContext(connection) as queries:
            latest_case_updates(limit=6)
            latest_news(limit=6, today=timezone.localdate())
        return sum(query["sql"].count('"path"') for query in queries.captured_queries)

    few = conditions()
    for number in range(12):
        page = world["index"].add_child(
            instance=Page(title=f"Lukket {number}", slug=f"lukket-{number}")
        )
        restrict(page, world["group"])

    assert conditions() == few
    titles = [update.title for update in latest_case_updates(limit=6)]
    assert OPEN_UPDATE in titles and SECRET_UPDATE not in titles
    # Even a member of the group: these lists are the same for everyone.
    listing = read(client, member, "/nyheter/")
    assert "Budsjettet er lagt fram" in listing


def test_on_postgresql_the_branches_denied_are_one_parameter(world, outsider):
    """psycopg keeps the parse of a query with at most 50 parameters: with a
    parameter per denied branch, every list a person with many closed cases
    sees was parsed anew on each request. The branches go as one array, and
    the answer is the same."""
    postgres_only()

    def parameters() -> int:
        queryset = without_hidden(Page.objects.all(), user=outsider)
        return len(queryset.query.sql_with_params()[1])

    few = parameters()
    for number in range(60):
        page = world["index"].add_child(
            instance=Page(title=f"Lukket {number}", slug=f"lukket-{number}")
        )
        restrict(page, world["group"])
    assert len(denied_paths(outsider)) > 50

    assert parameters() == few
    titles = visible_titles(outsider)
    assert not any(title.startswith("Lukket") for title in titles)
    assert OPEN_UPDATE in titles
    assert {SECRET_CASE, SECRET_UPDATE}.isdisjoint(titles)
