"""Pages not published or confirmed for a year ask their owner once."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases import services as case_services
from intranet.freshness import selectors, services
from intranet.subscriptions.models import Notification, NotificationKind
from news.models import NewsPage
from tests.freshness.conftest import days_ago

pytestmark = pytest.mark.django_db


def asked(page) -> list[int]:
    return list(
        Notification.objects.filter(
            page_id=page.pk, kind=NotificationKind.FRESHNESS
        ).values_list("user_id", flat=True)
    )


def backdate(page, days: int) -> None:
    when = days_ago(days)
    NewsPage.objects.filter(pk=page.pk).update(
        first_published_at=when, last_published_at=when
    )


def test_the_owner_of_an_old_article_is_asked_once(make_article, editor):
    article = make_article("Nye åpningstider", age_days=400)

    call_command("freshness_check")
    call_command("freshness_check")

    assert asked(article) == [editor.pk]
    notification = Notification.objects.get(page_id=article.pk)
    assert notification.url == f"/aktualitet/side/{article.pk}/"
    assert notification.title.startswith("Er dette fortsatt riktig?")


def test_an_article_younger_than_the_review_age_is_not_asked_about(
    make_article, settings
):
    settings.FRESHNESS_REVIEW_DAYS = 500
    article = make_article("Nye åpningstider", age_days=400)

    call_command("freshness_check")

    assert asked(article) == []


def test_a_confirmation_counts_as_fresh_and_rearms_the_question(make_article, editor):
    article = make_article("Nye åpningstider", age_days=400)
    assert services.review_requests_send(now=timezone.now()) == 1

    services.story_confirm(page=article, user=editor)
    backdate(article, 400)  # published long ago, confirmed just now
    assert services.review_requests_send(now=timezone.now()) == 0

    # A year after the confirmation it is asked about again, once.
    later = timezone.now() + datetime.timedelta(days=400)
    assert services.review_requests_send(now=later) == 1
    assert services.review_requests_send(now=later) == 0
    assert asked(article) == [editor.pk, editor.pk]


def test_archived_articles_and_case_updates_are_not_asked_about(
    make_article, make_case, editor, owner
):
    article = make_article("Gammel nyhet", age_days=800)
    services.story_archive(page=article, user=editor)
    backdate(article, 800)
    case = make_case("Sak", quiet_days=0)
    update = case_services.case_update_create(
        case=case,
        title="Gammel oppdatering",
        intro="Fra i fjor.",
        author=owner,
        publication_date=days_ago(800),
    )

    assert services.review_requests_send(now=timezone.now()) == 0
    assert asked(article) == asked(update) == []
    assert not selectors.pages_due_for_review(now=timezone.now()).exists()


def test_an_article_without_owner_asks_nobody(make_article):
    article = make_article("Ukjent forfatter", age_days=400, owner=None)

    assert services.review_requests_send(now=timezone.now()) == 0
    assert asked(article) == []
