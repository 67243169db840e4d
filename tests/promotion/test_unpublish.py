"""Unpublishing a story always succeeds, whatever state its promotion is in."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from intranet.promotion.models import PromotionStatus
from intranet.subscriptions.models import Notification
from news import services as news_services
from tests.factories.promotion import PromotionFactory

pytestmark = pytest.mark.django_db

# Every status a promotion can be in when its story is unpublished.
STATUSES = [
    PromotionStatus.CANDIDATE,
    PromotionStatus.SHORTLISTED,
    PromotionStatus.APPROVED,
    PromotionStatus.PUBLISHED,
    PromotionStatus.REJECTED,
    PromotionStatus.WITHDRAWN,
]
# The paths that go through the same service are checked with one status of
# each kind: in the pipeline, published outside, a decision taken.
SOME_STATUSES = [
    PromotionStatus.CANDIDATE,
    PromotionStatus.PUBLISHED,
    PromotionStatus.REJECTED,
]
# After the story is unpublished: still in the pipeline -> withdrawn; a decision
# already taken (published outside, rejected, withdrawn) stays as it was.
AFTER_UNPUBLISH = {
    PromotionStatus.CANDIDATE: PromotionStatus.WITHDRAWN,
    PromotionStatus.SHORTLISTED: PromotionStatus.WITHDRAWN,
    PromotionStatus.APPROVED: PromotionStatus.WITHDRAWN,
    PromotionStatus.PUBLISHED: PromotionStatus.PUBLISHED,
    PromotionStatus.REJECTED: PromotionStatus.REJECTED,
    PromotionStatus.WITHDRAWN: PromotionStatus.WITHDRAWN,
}


def promotion_in(status: str):
    return PromotionFactory(
        status=status,
        rejection_reason="Passer ikke nå." if status == "rejected" else "",
        external_urls="https://kommune.invalid/sak" if status == "published" else "",
    )


def assert_unpublished(promotion, status: str) -> None:
    page = Page.objects.get(pk=promotion.page_id)
    assert not page.live
    promotion.refresh_from_db()
    assert promotion.status == AFTER_UNPUBLISH[status]


@pytest.fixture(autouse=True)
def news_index(home_page):
    """The news index as an administrator makes it: open to the editors."""
    return news_services.news_index_create(
        parent=home_page, title="Nyheter", slug="nyheter"
    )


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.mark.parametrize("status", STATUSES)
def test_single_unpublish_in_the_admin_always_succeeds(editor_client, status):
    promotion = promotion_in(status)
    url = reverse("wagtailadmin_pages:unpublish", args=[promotion.page_id])

    response = editor_client.post(url)

    assert response.status_code == 302
    assert_unpublished(promotion, status)


@pytest.mark.parametrize("status", SOME_STATUSES)
def test_bulk_unpublish_in_the_admin_always_succeeds(editor_client, status):
    promotion = promotion_in(status)
    other = promotion_in(PromotionStatus.CANDIDATE)
    url = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "unpublish"))
        + f"?id={promotion.page_id}&id={other.page_id}"
    )

    response = editor_client.post(url, {"include_descendants": ""})

    assert response.status_code == 302
    assert_unpublished(promotion, status)
    assert_unpublished(other, PromotionStatus.CANDIDATE)


@pytest.mark.parametrize("status", SOME_STATUSES)
def test_scheduled_expiry_always_succeeds(status):
    promotion = promotion_in(status)
    Page.objects.filter(pk=promotion.page_id).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    call_command("publish_scheduled", stdout=None)

    assert_unpublished(promotion, status)
    assert Page.objects.get(pk=promotion.page_id).expired


def test_unpublish_tells_the_team_through_the_outbox(editor_client, team_member):
    promotion = promotion_in(PromotionStatus.APPROVED)
    url = reverse("wagtailadmin_pages:unpublish", args=[promotion.page_id])

    assert editor_client.post(url).status_code == 302

    notice = Notification.objects.get(user=team_member)
    assert promotion.page.title in notice.title
    assert notice.url == reverse("promotion_admin:detail", args=[promotion.pk])
