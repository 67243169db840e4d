"""Who may not see which pages is read once per request, and read again at
once when a restriction or a membership changes."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from intranet.core.page_access import denied_paths
from intranet.core.request_memo import RequestMemoMiddleware
from intranet.core.selectors import content_version
from tests.factories.core import UserFactory
from tests.factories.news import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

RESTRICTION_READ = (
    'SELECT "wagtailcore_page"."path" AS "page__path" '
    'FROM "wagtailcore_pageviewrestriction"'
)


def restrict(page, group) -> PageViewRestriction:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([group])
    return restriction


@pytest.fixture
def leaders():
    return Group.objects.create(name="Ledergruppen")


def test_the_front_page_reads_the_restrictions_once_per_kind_of_reader(
    client, home_page, leaders
):
    index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=index, title="Åpen nyhet")
    secret = NewsPageFactory(parent=index, title="Lukket nyhet")
    restrict(secret, leaders)
    client.force_login(UserFactory(username="kari"))

    with CaptureQueriesContext(connection) as queries:
        body = client.get("/").content.decode()

    reads = [q["sql"] for q in queries.captured_queries if RESTRICTION_READ in q["sql"]]
    # Once for the person (the inbox count, "For deg") and once for the lists
    # that look the same to everyone (the story lists), however many of each.
    assert len(reads) == 2
    assert "Åpen nyhet" in body
    assert "Lukket nyhet" not in body


def run_in_a_request(view):
    return RequestMemoMiddleware(lambda request: view())(None)


def test_a_restriction_made_during_the_request_counts_at_once(home_page, leaders):
    index = NewsIndexPageFactory(parent=home_page)
    article = NewsPageFactory(parent=index, title="Snart lukket")
    person = UserFactory(username="kari")

    def view():
        before = denied_paths(person)
        restrict(article, leaders)
        return before, denied_paths(person)

    before, after = run_in_a_request(view)

    assert before == []
    assert after == [article.path]


def test_joining_a_group_during_the_request_counts_at_once(home_page, leaders):
    index = NewsIndexPageFactory(parent=home_page)
    article = NewsPageFactory(parent=index, title="For ledere")
    restrict(article, leaders)
    person = UserFactory(username="kari")

    def view():
        before = denied_paths(person)
        person.groups.add(leaders)
        return before, denied_paths(person)

    before, after = run_in_a_request(view)

    assert before == [article.path]
    assert after == []


def test_outside_a_request_nothing_is_kept_but_what_the_cache_holds(home_page, leaders):
    index = NewsIndexPageFactory(parent=home_page)
    article = NewsPageFactory(parent=index, title="Snart lukket")
    person = UserFactory(username="kari")

    assert denied_paths(person) == []
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert denied_paths(person) == [article.path]


def restriction_reads(queries) -> int:
    return sum(RESTRICTION_READ in q["sql"] for q in queries.captured_queries)


def next_request(person) -> tuple[list[str], int]:
    """What keeps the person out, as a new request reads it, and how many
    times it read the restrictions from the database for it."""
    with CaptureQueriesContext(connection) as queries:
        denied = run_in_a_request(lambda: denied_paths(person))
    return denied, restriction_reads(queries)


def test_requests_share_what_was_read_until_access_changes(home_page, leaders):
    """Kept in the cache between requests under the content version: joining
    or leaving a group, a new restriction and a deleted group count at the
    next request."""
    index = NewsIndexPageFactory(parent=home_page)
    article = NewsPageFactory(parent=index, title="For ledere")
    restrict(article, leaders)
    person = UserFactory(username="kari")

    assert next_request(person) == ([article.path], 1)
    assert next_request(person) == ([article.path], 0)  # kept

    person.groups.add(leaders)
    assert next_request(person)[0] == []
    person.groups.remove(leaders)
    assert next_request(person)[0] == [article.path]
    person.groups.add(leaders)
    assert next_request(person)[0] == []

    other = NewsPageFactory(parent=index, title="Passord")
    PageViewRestriction.objects.create(
        page=other, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert next_request(person)[0] == [other.path]

    # The restriction's only group is deleted: it now lets in no one but
    # superusers, and the memberships went without a signal of their own.
    leaders.delete()
    assert next_request(person)[0] == sorted([article.path, other.path])


def test_publishing_a_story_keeps_what_was_read_and_moving_a_page_does_not(
    home_page, leaders
):
    """A publish does not change who is kept out of where (a new page under a
    restricted one is covered by its path): every reader's restrictions are
    not read again after each publish. A page moved out from under the
    restriction is seen at the next request."""
    index = NewsIndexPageFactory(parent=home_page)
    restricted = NewsIndexPageFactory(parent=home_page, title="Ledere", slug="ledere")
    restrict(restricted, leaders)
    person = UserFactory(username="kari")

    assert next_request(person) == ([restricted.path], 1)
    secret = NewsPageFactory(parent=restricted, title="Ny leder")
    secret.save_revision().publish()
    NewsPageFactory(parent=index, title="Ny kantine").save_revision().publish()
    assert next_request(person) == ([restricted.path], 0)
    assert secret.path.startswith(restricted.path)

    restricted.move(index, pos="last-child")
    restricted.refresh_from_db()
    assert next_request(person) == ([restricted.path], 1)


def test_joining_a_group_no_restriction_names_keeps_everyones_lists(home_page, leaders):
    """Who sees which page changes only with the groups a restriction lets
    in: a new colleague given the staff group at their first login leaves
    the content version (and every cached list) as it was."""
    index = NewsIndexPageFactory(parent=home_page)
    restrict(NewsPageFactory(parent=index, title="For ledere"), leaders)
    newcomers = Group.objects.create(name="Nyansatte")
    person = UserFactory(username="ny", groups=[])

    version = content_version()
    person.groups.add(newcomers)
    newcomers.user_set.remove(person)
    assert content_version() == version

    person.groups.add(leaders)
    assert content_version() > version
    version = content_version()
    leaders.user_set.remove(person)
    assert content_version() > version
    version = content_version()
    person.groups.clear()  # the groups are not named: counted as a change
    assert content_version() > version
