"""Publishing tells exactly the people whose subscriptions match, once."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from intranet.core.models import Topic
from intranet.core.roles import COMMUNICATION
from intranet.subscriptions.models import Delivery, Notification
from tests.factories.core import UserFactory
from tests.factories.subscriptions import follow

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(db):
    return UserFactory(username="lise.leser", first_name="Lise", last_name="Leser")


def told(user) -> list[str]:
    return sorted(
        Notification.objects.filter(user=user).values_list("title", flat=True)
    )


@pytest.fixture
def other_topic(db):
    return Topic.objects.create(name="Vei", slug="vei")


@pytest.mark.parametrize(
    ("params", "matching", "other"),
    [
        ({"type": "news"}, {}, "update"),
        ({"unit": "barnehagene"}, {"unit": True}, {}),
        ({"unit": "oppvekst"}, {"unit": True}, {}),
        ({"topic": "barnehage"}, {"topic": True}, {"other_topic": True}),
        ({"theme": "innovation"}, {"positioning_themes": ["innovation"]}, {}),
        ({"tag": "Lekeplass"}, {"tags": ["lekeplass"]}, {"tags": ["skole"]}),
        ({"q": "barnehage"}, {"intro": "Nye barnehagene åpner."}, {}),
        (
            {"q": '"nye barnehager"'},
            {"intro": "To nye barnehager i år."},
            {"intro": "Nye planer for barnehager."},
        ),
        (
            {"q": "budsjett -utkast"},
            {"intro": "Budsjettet er vedtatt."},
            {"intro": "Budsjett: utkast."},
        ),
        (
            {"q": "barnehage", "topic": "barnehage"},
            {"topic": True, "intro": "Barnehagen."},
            {"intro": "Barnehagen."},
        ),
        ({"topic": ["barnehage", "vei"]}, {"other_topic": True}, {}),
        ({"q": "Sorum"}, {"intro": "Nytt fra Sørum."}, {"intro": "Nytt fra Ski."}),
        ({"q": "Sørum"}, {"intro": "Fra Soerum."}, {"intro": "Fra Ski."}),
    ],
    ids=[
        "type",
        "unit",
        "sector",
        "topic",
        "theme",
        "tag",
        "text-inflected",
        "phrase",
        "excluded-word",
        "text-and-topic",
        "either-topic",
        "text-typed-without-letters",
        "text-written-without-letters",
    ],
)
def test_each_filter_kind_and_text_matches_on_publish(
    params,
    matching,
    other,
    reader,
    make_article,
    make_case,
    make_update,
    unit,
    topic,
    other_topic,
):
    follow(reader, **params)

    def publish(title, spec):
        if spec == "update":
            return make_update(make_case("En sak"), title)
        fields = {"intro": spec.get("intro", "Nytt fra kommunen.")}
        if spec.get("unit"):
            fields["unit"] = unit
        topics = ([topic] if spec.get("topic") else []) + (
            [other_topic] if spec.get("other_topic") else []
        )
        if topics:
            fields["topics"] = topics
        for name in ("tags", "positioning_themes"):
            if name in spec:
                fields[name] = spec[name]
        if "positioning_themes" in fields:
            fields["nomination_text"] = "Et godt eksempel."
        return make_article(title, **fields)

    publish("Treffer", matching)
    publish("Treffer ikke", other)

    assert told(reader) == ["Treffer"]


def test_a_case_subscription_hears_of_updates_and_news_about_the_case(
    reader, make_case, make_update, make_article
):
    case = make_case("Ny skole på Berg")
    other_case = make_case("Ny vei")
    follow(reader, case=case.pk)

    make_update(case, "Byggestart")
    make_update(other_case, "Asfaltering")
    make_article("Skolen får navn", related_case=case)

    assert told(reader) == ["Byggestart", "Skolen får navn"]


def test_a_person_subscription_hears_of_their_cases(
    reader, make_case, make_update, owner, co_owner
):
    case = make_case("Ny skole på Berg")
    follow(reader, person=owner.username)

    make_update(case, "Byggestart", author=co_owner)

    assert told(reader) == ["Byggestart"]


def test_year_and_date_filters_match_the_publication_day(reader, make_article):
    this_year = timezone.localdate().year
    follow(reader, year=this_year - 1)
    follow(
        reader,
        **{"from": (timezone.localdate() - datetime.timedelta(days=2)).isoformat()},
    )

    make_article("I dag")
    make_article(
        "For lenge siden", date=timezone.localdate() - datetime.timedelta(days=800)
    )

    # The old one is in neither the year nor the date range.
    assert told(reader) == ["I dag"]


def test_several_matches_give_one_notification_with_the_most_urgent_delivery(
    reader, make_article, topic
):
    follow(reader, topic="barnehage", delivery=Delivery.WEEKLY, name="Barnehage")
    urgent = follow(reader, q="barnehage", delivery=Delivery.IMMEDIATE, name="Søk")

    make_article("Barnehage åpner", topics=[topic])

    notifications = list(Notification.objects.filter(user=reader))
    assert len(notifications) == 1
    assert notifications[0].delivery == Delivery.IMMEDIATE
    assert notifications[0].subscription == urgent


def test_publishing_again_does_not_announce_the_item_twice(reader, make_article, topic):
    follow(reader, topic="barnehage")
    article = make_article("Barnehage åpner", topics=[topic])

    article.title = "Barnehage åpner i morgen"
    article.save_revision().publish()

    assert Notification.objects.filter(user=reader).count() == 1


def test_the_author_is_not_told_about_their_own_article(
    reader, author, make_article, topic
):
    follow(author, topic="barnehage")
    follow(reader, topic="barnehage")

    make_article("Barnehage åpner", topics=[topic])

    assert told(author) == []
    assert told(reader) == ["Barnehage åpner"]


def test_paused_subscriptions_and_inactive_people_are_not_told(
    reader, make_article, topic
):
    follow(reader, topic="barnehage").__class__.objects.update(paused=True)
    gone = UserFactory(username="sluttet", is_active=False)
    follow(gone, topic="barnehage")

    make_article("Barnehage åpner", topics=[topic])

    assert Notification.objects.count() == 0


def test_drafts_are_not_notified(reader, make_article):
    follow(reader, q="budsjett")

    make_article("Budsjett", publish=False)

    assert told(reader) == []


def test_restricted_items_are_only_notified_to_people_who_may_see_them(
    reader, news_index, make_article, communication_user
):
    restriction = PageViewRestriction.objects.create(
        page=news_index, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=COMMUNICATION)])
    follow(reader, q="budsjett")
    follow(communication_user, q="budsjett")

    make_article("Budsjett for kommunikasjon")

    assert told(reader) == []
    assert told(communication_user) == ["Budsjett for kommunikasjon"]


def test_matching_all_subscriptions_takes_a_constant_number_of_queries(
    make_article, topic, django_assert_max_num_queries
):
    for number in range(30):
        user = UserFactory(username=f"leser{number}")
        follow(user, topic="barnehage")
        follow(user, q=f"barnehage ord{number}")
    from intranet.subscriptions.services import notifications_create_for
    from search.documents import document_for_page

    article = make_article("Barnehage", topics=[topic], publish=False)
    article.save_revision().publish()
    Notification.objects.all().delete()
    article.refresh_from_db()
    document = document_for_page(article)

    with django_assert_max_num_queries(5):
        created = notifications_create_for(page=article, document=document)

    assert created == 30


def test_unpublishing_takes_back_the_notifications(reader, make_article):
    follow(reader, q="budsjett")
    article = make_article("Budsjett 2027")
    assert told(reader) == ["Budsjett 2027"]

    article.unpublish()

    assert told(reader) == []


def test_a_page_made_private_leaves_notifications_only_with_those_who_may_see_it(
    reader, news_index, make_article, communication_user
):
    follow(reader, q="budsjett")
    follow(communication_user, q="budsjett")
    make_article("Budsjett for kommunikasjon")
    assert told(reader) == told(communication_user) == ["Budsjett for kommunikasjon"]

    restriction = PageViewRestriction.objects.create(
        page=news_index, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=COMMUNICATION)])
    restriction.save()  # as the admin's privacy form does once the groups are set

    assert told(reader) == []
    assert told(communication_user) == ["Budsjett for kommunikasjon"]


def test_a_followed_search_hears_of_what_its_synonyms_find(reader, make_article):
    from search.models import SynonymGroup

    SynonymGroup.objects.create(terms="PPT, pedagogisk-psykologisk tjeneste")
    follow(reader, q="PPT")

    make_article("Ny leder i pedagogisk-psykologisk tjeneste")
    make_article("Ny leder i renholdet")

    assert told(reader) == ["Ny leder i pedagogisk-psykologisk tjeneste"]


def test_followed_searches_take_up_synonyms_added_after_them(
    reader, make_article, django_capture_on_commit_callbacks
):
    from search.models import SynonymGroup

    follow(reader, q="SFO")
    with django_capture_on_commit_callbacks(execute=True):
        SynonymGroup.objects.create(terms="SFO\nskolefritidsordning")
    make_article("Påmelding til skolefritidsordningen")

    with django_capture_on_commit_callbacks(execute=True):
        SynonymGroup.objects.all().delete()
    make_article("Skolefritidsordningen holder sommerstengt")

    assert told(reader) == ["Påmelding til skolefritidsordningen"]
