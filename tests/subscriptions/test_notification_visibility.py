"""Notifications are re-checked when read: the inbox, the unread badge, "For deg"
on the front page and the personal Atom feed show a notification only while
the person may still see its page (live, and let in by every view restriction).

The rows themselves may outlive the right to see them: someone leaves the
group, a restriction loses its last group, a page stops being live without the
usual signal. Reading must not show them then.
"""

import feedparser
import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from intranet.subscriptions import services as subscription_services
from intranet.subscriptions.models import Notification
from intranet.subscriptions.selectors import unread_count_key
from tests.factories.core import UserFactory
from tests.factories.subscriptions import follow

pytestmark = pytest.mark.django_db
SECRET = "Nedbemanning i barnehagene"


@pytest.fixture
def group(db):
    return Group.objects.create(name="Omstilling")


@pytest.fixture
def reader(group):
    user = UserFactory(username="lise.leser", first_name="Lise", last_name="Leser")
    user.groups.add(group)
    return user


@pytest.fixture
def feed_url(reader):
    token = subscription_services.feed_token_regenerate(user=reader).token
    return f"/abonnementer/feed/{token}/"


@pytest.fixture
def told(reader, make_article, topic, group):
    """The reader, a member, is told about a page restricted to the group, and
    about a public one."""
    follow(reader, topic="barnehage", name="Barnehage")
    make_article("Ny lekeplass", topics=[topic])
    secret = make_article(SECRET, topics=[topic])
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([group])
    assert Notification.objects.filter(user=reader, page=secret).exists()
    return secret, restriction


def surfaces(client, feed_url) -> dict[str, str]:
    inbox = client.get("/varsler/").content.decode()
    front = client.get("/").content.decode()
    feed = feedparser.parse(client.get(feed_url).content)
    return {
        "inbox": inbox[inbox.index("<main") :],
        "badge": inbox[inbox.index('class="badge"') :][:60]
        if 'class="badge"' in inbox
        else "",
        "for_you": front[front.index('class="for-you"') :],
        "feed": " | ".join(entry.title for entry in feed.entries),
    }


def test_a_member_sees_the_restricted_notification_everywhere(
    client, reader, told, feed_url, home_page
):
    client.force_login(reader)

    seen = surfaces(client, feed_url)

    assert SECRET in seen["inbox"]
    assert '"badge">2<' in seen["badge"]
    assert SECRET in seen["for_you"]
    assert SECRET in seen["feed"]


def test_someone_removed_from_the_group_no_longer_sees_it(
    client, reader, told, feed_url, group, home_page
):
    reader.groups.remove(group)
    client.force_login(reader)

    seen = surfaces(client, feed_url)

    # The row is still there: it is the reading that leaves it out.
    assert Notification.objects.filter(user=reader, title=SECRET).exists()
    assert SECRET not in seen["inbox"]
    assert "Ny lekeplass" in seen["inbox"]
    assert '"badge">1<' in seen["badge"]
    assert SECRET not in seen["for_you"]
    assert SECRET not in seen["feed"]
    assert "Ny lekeplass" in seen["feed"]


def test_a_restriction_left_without_groups_hides_it_from_everyone(
    client, reader, told, feed_url, home_page
):
    _secret, restriction = told
    restriction.groups.clear()
    client.force_login(reader)

    seen = surfaces(client, feed_url)

    assert SECRET not in seen["inbox"]
    assert '"badge">1<' in seen["badge"]
    assert SECRET not in seen["for_you"]
    assert SECRET not in seen["feed"]


def test_a_page_that_is_no_longer_live_is_not_shown(
    client, reader, told, feed_url, home_page
):
    secret, _restriction = told
    # As a late autosave would leave it: not live, and no signal sent.
    Page.objects.filter(pk=secret.pk).update(live=False)
    client.force_login(reader)

    seen = surfaces(client, feed_url)

    assert SECRET not in seen["inbox"]
    assert SECRET not in seen["for_you"]
    assert SECRET not in seen["feed"]


def test_the_inbox_keeps_a_constant_query_count(
    client, reader, told, make_article, topic, group
):
    client.force_login(reader)
    client.get("/varsler/")

    # Both measured requests count the unread notifications (not kept).
    cache.delete(unread_count_key(reader.pk))
    with CaptureQueriesContext(connection) as few:
        client.get("/varsler/")
    for number in range(8):
        article = make_article(f"Flere {number}", topics=[topic])
        restriction = PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([group])
    client.get("/varsler/")  # the new restrictions are read once, then kept
    cache.delete(unread_count_key(reader.pk))
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("subscriptions:notifications")).content.decode()

    assert "Flere 7" in html
    assert len(many.captured_queries) == len(few.captured_queries)


def badge(client) -> str:
    """The unread badge in the header of a page other than the inbox."""
    html = client.get("/abonnementer/").content.decode()
    return html[html.index('class="badge"') :][:40] if 'class="badge"' in html else ""


def test_the_kept_unread_count_follows_every_change_that_moves_it(
    client, reader, told, group, home_page
):
    secret, _restriction = told
    client.force_login(reader)
    assert '"badge">2<' in badge(client)
    with CaptureQueriesContext(connection) as counted:
        client.get("/abonnementer/")
    assert not any("search_notification" in q["sql"] for q in counted.captured_queries)

    # Taken out of the group: the restricted notification leaves the count.
    reader.groups.remove(group)
    assert '"badge">1<' in badge(client)
    reader.groups.add(group)
    assert '"badge">2<' in badge(client)

    # A personal notification arrives.
    subscription_services.notifications_send(
        user_ids=[reader.pk],
        kind="comment",
        key="comment:1",
        title="Svar på kommentaren din",
        url="/",
    )
    assert '"badge">3<' in badge(client)

    # Read one, then all.
    one = Notification.objects.filter(user=reader, page=secret).get()
    subscription_services.notification_mark_read(user=reader, notification_id=one.pk)
    assert '"badge">2<' in badge(client)
    subscription_services.notifications_mark_all_read(user=reader)
    assert badge(client) == ""
