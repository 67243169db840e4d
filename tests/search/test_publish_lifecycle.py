"""Search and notifications follow what is live once a transaction commits, and
scheduled publishing (``manage.py publish_scheduled``, run every minute by
deploy/systemd/intranet-publish-scheduled.timer) takes the same paths as
pressing Publish or Unpublish."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from intranet.planning.models import CommunicationActivity
from intranet.promotion.models import Promotion, PromotionStatus
from intranet.subscriptions.models import Notification
from news.models import NewsPage
from tests.factories.core import UserFactory
from tests.factories.subscriptions import follow

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(db):
    user = UserFactory(username="lise.leser")
    follow(user, q="kantine")
    return user


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


def search_hits(client, text: str) -> str:
    response = client.get("/sok/", {"q": text})
    assert response.status_code == 200
    return response.content.decode()


def inbox(client) -> str:
    response = client.get("/varsler/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_publish_taken_back_before_its_transaction_commits_is_not_found_or_told(
    make_article, reader, reader_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        article = make_article("Ny kantine i rådhuset")
        # Later in the same transaction something takes it offline without
        # Wagtail's unpublish (as the autosave race did).
        NewsPage.objects.filter(pk=article.pk).update(live=False)

    assert article.url not in search_hits(reader_client, "kantine")
    assert "Ny kantine i rådhuset" not in inbox(reader_client)
    assert not Notification.objects.filter(page_id=article.pk).exists()


def test_a_committed_publish_stays_found_and_told_after_the_check(
    make_article, reader, reader_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Ny kantine i rådhuset")

    assert article.url in search_hits(reader_client, "kantine")
    notification = Notification.objects.get(user=reader, page_id=article.pk)
    assert notification.url == article.url
    assert reader_client.get(notification.url).status_code == 200


def schedule(page: NewsPage, **dates: datetime.datetime) -> None:
    """What the editor's "Publish" does with dates set in the page settings."""
    for name, value in dates.items():
        setattr(page, name, value)
    page.save_revision(user=page.owner).publish(
        user=page.owner, skip_permission_checks=True
    )


def test_scheduled_go_live_publishes_indexes_and_notifies_like_publish(
    make_article, author, reader, reader_client, django_capture_on_commit_callbacks
):
    article = make_article(
        "Ny kantine i rådhuset",
        publish=False,
        positioning_themes=["innovation"],
        nomination_text="Ny måte å drive kantine på.",
    )
    go_live_at = timezone.now() + datetime.timedelta(hours=1)
    schedule(article, go_live_at=go_live_at)

    article.refresh_from_db()
    assert not article.live
    assert reader_client.get(article.url).status_code == 404
    assert article.url not in search_hits(reader_client, "kantine")
    assert not Notification.objects.filter(page_id=article.pk).exists()
    # Not in the communication team's queue before anyone can read it.
    assert not Promotion.objects.filter(page_id=article.pk).exists()

    with (
        time_machine.travel(go_live_at + datetime.timedelta(minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("publish_scheduled")

    article.refresh_from_db()
    assert article.live
    assert reader_client.get(article.url).status_code == 200
    assert article.url in search_hits(reader_client, "kantine")
    assert "Ny kantine i rådhuset" in inbox(reader_client)
    # Exactly as a manual publish: once, to the follower, never to the author.
    assert list(
        Notification.objects.filter(page_id=article.pk).values_list(
            "user__username", "url"
        )
    ) == [("lise.leser", article.url)]
    assert Promotion.objects.get(page_id=article.pk).status == (
        PromotionStatus.CANDIDATE
    )


def test_scheduled_expiry_unpublishes_and_takes_it_out_everywhere(
    make_article, reader, reader_client, django_capture_on_commit_callbacks
):
    expire_at = timezone.now() + datetime.timedelta(hours=1)
    article = make_article(
        "Ny kantine i rådhuset",
        publish=False,
        positioning_themes=["innovation"],
        nomination_text="Ny måte å drive kantine på.",
    )
    schedule(article, expire_at=expire_at)
    assert article.url in search_hits(reader_client, "kantine")
    assert Notification.objects.filter(user=reader, page_id=article.pk).exists()

    with (
        time_machine.travel(expire_at + datetime.timedelta(minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("publish_scheduled")

    article.refresh_from_db()
    assert not article.live
    assert article.expired
    assert reader_client.get(article.url).status_code == 404
    assert article.url not in search_hits(reader_client, "kantine")
    assert "Ny kantine i rådhuset" not in inbox(reader_client)
    # The unpublish signal reached the promotion pipeline too.
    assert Promotion.objects.get(page_id=article.pk).status == (
        PromotionStatus.WITHDRAWN
    )


def test_a_case_scheduled_for_later_plans_its_measures_when_it_goes_live(make_case):
    case = make_case(
        "Ny barnehage på Haugen",
        publish=False,
        planned_measures=[
            {
                "title": "Folkemøte om barnehagen",
                "planned_date": timezone.localdate() + datetime.timedelta(days=30),
                "channel": "meeting",
                "audience": "citizens",
            }
        ],
    )
    go_live_at = timezone.now() + datetime.timedelta(hours=1)
    schedule(case, go_live_at=go_live_at)

    assert not CommunicationActivity.objects.filter(case=case).exists()

    with time_machine.travel(go_live_at + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")

    assert list(
        CommunicationActivity.objects.filter(case=case).values_list("title", flat=True)
    ) == ["Folkemøte om barnehagen"]
