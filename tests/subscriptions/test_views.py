"""Follow buttons, My subscriptions, the inbox and personal feeds, as used."""

import feedparser
import pytest
from django.urls import reverse

from intranet.core.models import StaffProfile
from intranet.subscriptions.models import (
    Delivery,
    FeedToken,
    Notification,
    Subscription,
)
from intranet.subscriptions.services import (
    notifications_mark_all_read,
    notifications_send,
    unread_counts_forget,
)
from tests.factories.core import UserFactory
from tests.factories.subscriptions import follow

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(db):
    return UserFactory(username="lise.leser", first_name="Lise", last_name="Leser")


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


def follow_form(html: str) -> dict[str, list[str]]:
    """The hidden fields of the page's follow form, as the browser would post them."""
    start = html.index('class="follow-form"')
    form = html[start : html.index("</form>", start)]
    import re

    fields: dict[str, list[str]] = {}
    for name, value in re.findall(r'name="([^"]+)" value="([^"]*)"', form):
        if name != "csrfmiddlewaretoken":
            fields.setdefault(name, []).append(value)
    return fields


def press_follow(client, url: str) -> Subscription:
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        reverse("subscriptions:follow"), follow_form(page.content.decode())
    )
    assert response.status_code == 302
    return Subscription.objects.latest("pk")


def test_following_a_search_from_the_search_page(reader_client, reader, topic):
    subscription = press_follow(reader_client, "/sok/?q=barnehager&topic=barnehage")

    assert subscription.user == reader
    assert subscription.query == {
        "q": "barnehager",
        "topic": ["barnehage"],
        "sort": "newest",
    }


def test_following_the_same_search_twice_keeps_one_subscription(reader_client, topic):
    press_follow(reader_client, "/sok/?q=barnehager")
    press_follow(reader_client, "/sok/?q=barnehager")

    assert Subscription.objects.count() == 1


def test_following_a_topic_a_unit_and_a_person_from_their_pages(
    reader_client, topic, unit, owner
):
    on_topic = press_follow(reader_client, f"/tema/{topic.slug}/")
    on_unit = press_follow(reader_client, f"/enhet/{unit.slug}/")
    on_person = press_follow(reader_client, f"/personer/{owner.username}/")

    assert (on_topic.name, on_topic.query["topic"]) == ("Barnehage", ["barnehage"])
    assert (on_unit.name, on_unit.query["unit"]) == ("Barnehagene", ["barnehagene"])
    assert (on_person.name, on_person.query["person"]) == ("Eva Eier", "eva.eier")


def test_following_a_case_from_its_page(reader_client, make_case):
    case = make_case("Ny skole på Berg")

    subscription = press_follow(reader_client, case.url)

    assert subscription.name == "Ny skole på Berg"
    assert subscription.query["case"] == str(case.pk)


def test_the_person_page_shows_unit_title_cases_and_stories(
    reader_client, owner, co_owner, unit, make_case, make_update
):
    StaffProfile.objects.update_or_create(
        user=owner, defaults={"unit": unit, "job_title": "Rektor"}
    )
    case = make_case("Ny skole på Berg")
    make_update(case, "Byggestart", author=co_owner)

    html = reader_client.get(f"/personer/{owner.username}/").content.decode()

    assert "<h1>Eva Eier</h1>" in html
    assert "Rektor" in html and "Barnehagene" in html
    assert "Ny skole på Berg" in html and "Byggestart" in html


def test_unknown_topic_unit_and_person_pages_are_404(reader_client):
    assert reader_client.get("/tema/finnes-ikke/").status_code == 404
    assert reader_client.get("/enhet/finnes-ikke/").status_code == 404
    assert reader_client.get("/personer/finnes.ikke/").status_code == 404


def test_following_an_empty_search_is_refused_with_a_message(reader_client):
    response = reader_client.post(reverse("subscriptions:follow"), {}, follow=True)

    assert "Et tomt søk kan ikke følges." in response.content.decode()
    assert not Subscription.objects.exists()


def test_my_subscriptions_rename_change_delivery_pause_and_delete(
    reader_client, reader
):
    subscription = follow(reader, topic="barnehage", name="Barnehage")
    url = reverse("subscriptions:subscription_change", args=[subscription.pk])

    assert "Barnehage" in reader_client.get("/abonnementer/").content.decode()
    reader_client.post(url, {"name": "Barnehager", "delivery": "daily"})
    subscription.refresh_from_db()
    assert (subscription.name, subscription.delivery) == ("Barnehager", "daily")

    reader_client.post(url, {"action": "pause"})
    subscription.refresh_from_db()
    assert subscription.paused

    response = reader_client.post(url, {"delivery": "hver time"}, follow=True)
    assert "Velg en av måtene å bli varslet på." in response.content.decode()

    reader_client.post(url, {"action": "delete"})
    assert not Subscription.objects.exists()


def test_other_peoples_subscriptions_cannot_be_changed(reader_client):
    other = follow(UserFactory(username="annen"), topic="barnehage")

    response = reader_client.post(
        reverse("subscriptions:subscription_change", args=[other.pk]),
        {"action": "delete"},
    )

    assert response.status_code == 404
    assert Subscription.objects.filter(pk=other.pk).exists()


# The inbox -----------------------------------------------------------------------


@pytest.fixture
def told_twice(reader, make_article, topic):
    follow(reader, topic="barnehage", name="Barnehage")
    make_article("Første", topics=[topic])
    make_article("Andre", topics=[topic])


def test_the_header_shows_the_unread_count_and_the_inbox_marks_read(
    reader_client, reader, told_twice
):
    html = reader_client.get("/varsler/").content.decode()
    assert '<span class="badge">2<span class="visually-hidden"> uleste' in html
    assert html.index("Andre") < html.index("Første")

    first = Notification.objects.get(title="Første")
    reader_client.post(reverse("subscriptions:notification_read", args=[first.pk]))
    html = reader_client.get("/varsler/").content.decode()
    assert '<span class="badge">1<span' in html

    reader_client.post(reverse("subscriptions:notifications_read_all"))
    html = reader_client.get("/varsler/").content.decode()
    assert 'class="badge"' not in html


def test_notifications_of_others_cannot_be_marked(reader_client, told_twice):
    other = UserFactory(username="annen")
    client_notification = Notification.objects.first()
    Notification.objects.filter(pk=client_notification.pk).update(user=other)

    response = reader_client.post(
        reverse("subscriptions:notification_read", args=[client_notification.pk])
    )

    assert response.status_code == 404


def test_the_front_page_shows_items_for_you_in_constant_queries(
    reader_client,
    reader,
    told_twice,
    home_page,
    make_article,
    topic,
    django_assert_num_queries,
):
    from intranet.subscriptions.selectors import for_you

    for number in range(6):
        make_article(f"Flere {number}", topics=[topic])
    # One for the restrictions that keep the reader out, one for the items,
    # and the content version both are kept under (read for each outside a
    # request; a request reads it once).
    with django_assert_num_queries(4):
        assert len(for_you(user=reader)["items"]) == 5
    # Then the restrictions and the items are kept until the content changes
    # or the person is told something: only the content version is read.
    with django_assert_num_queries(1):
        assert len(for_you(user=reader)["items"]) == 5
    Notification.objects.filter(title__startswith="Flere").delete()
    # Deleted here behind the app's back: forgotten as its services do.
    unread_counts_forget(user_ids=[reader.pk])
    html = reader_client.get("/").content.decode()

    section = html[html.index('class="for-you"') :]
    assert section.index("Andre") < section.index("Første")
    assert "Fordi du følger «Barnehage»" in section


def test_the_items_for_you_kept_between_visits_show_a_new_one_at_once(
    reader_client, reader, told_twice, home_page
):
    """The front page keeps the person's newest items between visits; a
    notification sent to them, or all marked read, shows at the next visit."""

    def for_you_section() -> str:
        html = reader_client.get("/").content.decode()
        return html[html.index('class="for-you"') :]

    assert "Til deg personlig" not in for_you_section()
    notifications_send(
        user_ids=[reader.pk],
        kind="comment",
        key="comment-1",
        title="Til deg personlig",
        url="/",
    )
    assert "Til deg personlig" in for_you_section()
    assert "for-you__unread" in for_you_section()
    notifications_mark_all_read(user=reader)
    assert "for-you__unread" not in for_you_section()


# Personal feeds -----------------------------------------------------------------


def test_personal_feeds_are_valid_atom_without_a_session(
    reader_client, reader, told_twice, client
):
    reader_client.post(reverse("subscriptions:feed_token"), {"action": "regenerate"})
    token = FeedToken.objects.get(user=reader).token
    subscription = Subscription.objects.get()
    reader_client.logout()

    everything = client.get(f"/abonnementer/feed/{token}/")
    one = client.get(f"/abonnementer/feed/{token}/{subscription.pk}/")

    for response in (everything, one):
        assert response.status_code == 200
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo
        assert parsed.version == "atom10"
        assert [entry.title for entry in parsed.entries] == ["Andre", "Første"]


def test_a_revoked_or_replaced_feed_token_gives_404(reader_client, reader, client):
    reader_client.post(reverse("subscriptions:feed_token"), {"action": "regenerate"})
    old = FeedToken.objects.get(user=reader).token
    reader_client.post(reverse("subscriptions:feed_token"), {"action": "regenerate"})
    new = FeedToken.objects.get(user=reader).token

    assert client.get(f"/abonnementer/feed/{old}/").status_code == 404
    assert client.get(f"/abonnementer/feed/{new}/").status_code == 200

    reader_client.post(reverse("subscriptions:feed_token"), {"action": "revoke"})
    assert client.get(f"/abonnementer/feed/{new}/").status_code == 404
    assert client.get("/abonnementer/feed/gjettet/").status_code == 404


def test_a_feed_of_someone_elses_subscription_gives_404(reader_client, reader, client):
    reader_client.post(reverse("subscriptions:feed_token"), {"action": "regenerate"})
    token = FeedToken.objects.get(user=reader).token
    other = follow(UserFactory(username="annen"), topic="barnehage")

    assert client.get(f"/abonnementer/feed/{token}/{other.pk}/").status_code == 404


def test_immediate_delivery_choice_is_offered(reader_client, reader):
    follow(reader, topic="barnehage")

    html = reader_client.get("/abonnementer/").content.decode()

    for value, _label in Delivery.choices:
        assert f'value="{value}"' in html


def test_first_login_follows_own_unit_and_owned_cases_and_unfollowing_sticks(
    client, owner, unit, make_case
):
    StaffProfile.objects.update_or_create(user=owner, defaults={"unit": unit})
    make_case("Ny skole på Berg")

    assert client.login(username=owner.username, password="passord")
    names = sorted(
        Subscription.objects.filter(user=owner).values_list("name", flat=True)
    )
    assert names == ["Barnehagene", "Ny skole på Berg"]

    Subscription.objects.filter(user=owner, name="Barnehagene").delete()
    client.logout()
    assert client.login(username=owner.username, password="passord")
    assert Subscription.objects.filter(user=owner).count() == 1
