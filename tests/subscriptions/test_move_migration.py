"""Moving the subscription models out of search loses nothing: what people
follow, their inbox and outbox, feed addresses and delivery choices, and who
holds the models' permissions, on SQLite and PostgreSQL alike."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from intranet.subscriptions.models import (
    Delivery,
    FeedToken,
    Notification,
    NotificationKind,
    PersonalDelivery,
    Subscription,
    SubscriptionDefaults,
)
from intranet.subscriptions.selectors import unread_notification_count
from intranet.subscriptions.services import matching_subscriptions
from search.documents import RESTRICTION_NONE, SearchDocument
from tests.migrating import migrate

BEFORE = [("search", "0006_notification_kind_promotion"), ("subscriptions", None)]


def old_data(apps) -> dict:
    """Rows of every moved model, made with the models as search had them."""
    User = apps.get_model(settings.AUTH_USER_MODEL)
    Subscription = apps.get_model("search", "Subscription")
    SubscriptionFilter = apps.get_model("search", "SubscriptionFilter")
    Notification = apps.get_model("search", "Notification")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    reader = User.objects.create(username="reader", email="reader@example.org")
    followed = Subscription.objects.create(
        user=reader,
        name="Skole",
        query={"topic": ["skole"]},
        delivery=Delivery.DAILY,
        kind_count=1,
    )
    SubscriptionFilter.objects.create(
        subscription=followed, kind="topic", value="skole"
    )
    failing_since = timezone.now() - datetime.timedelta(minutes=30)
    in_outbox = Notification.objects.create(
        user=reader,
        kind=NotificationKind.REMINDER,
        key="reminder:1:7",
        delivery=Delivery.IMMEDIATE,
        title="Frist om sju dager",
        url="/arshjul/1/",
        content_type="reminder",
        attempts=2,
        first_failed_at=failing_since,
        last_error="SMTPServerDisconnected: gone",
    )
    from_search = Notification.objects.create(
        user=reader,
        subscription=followed,
        delivery=Delivery.DAILY,
        title="Ny skolerute",
        url="/nyheter/skolerute/",
        content_type="news",
    )
    apps.get_model("search", "FeedToken").objects.create(
        user=reader, token="secret-feed-address"
    )
    apps.get_model("search", "PersonalDelivery").objects.create(
        user=reader, delivery=Delivery.WEEKLY
    )
    apps.get_model("search", "SubscriptionDefaults").objects.create(user=reader)

    # The permissions on the moved models, held by a group and a person; and a
    # stale content type already under the new label (a database migrated
    # forward before), with a twin permission of its own.
    old_type = ContentType.objects.get(app_label="search", model="notification")
    view = Permission.objects.get(content_type=old_type, codename="view_notification")
    group = Group.objects.create(name="Outbox watchers")
    group.permissions.add(view)
    reader.user_permissions.add(view)
    stale = ContentType.objects.create(app_label="subscriptions", model="notification")
    Permission.objects.create(
        content_type=stale, codename="view_notification", name="Can view"
    )
    return {
        "reader": reader.pk,
        "subscription": followed.pk,
        "outbox": in_outbox.pk,
        "matched": from_search.pk,
        "subscription_type": ContentType.objects.get(
            app_label="search", model="subscription"
        ).pk,
        "failing_since": failing_since,
    }


# serialized_rollback: the flush at the end must not take the role groups and
# the site (made by migrations) from the tests after it in the same process.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_moving_the_models_to_their_own_app_loses_nothing():
    apps = migrate(BEFORE)
    try:
        before = old_data(apps)
    finally:
        migrate()

    followed = Subscription.objects.get(pk=before["subscription"])
    reader = followed.user
    assert reader.pk == before["reader"]
    assert (followed.name, followed.delivery, followed.query) == (
        "Skole",
        Delivery.DAILY,
        {"topic": ["skole"]},
    )
    assert list(followed.filters.values_list("kind", "value")) == [("topic", "skole")]
    # Matching still finds it through its filter rows.
    document = SearchDocument(
        id=10**9,
        url="/nyheter/x/",
        title="Om skolen",
        content_type="news",
        published=timezone.now(),
        restriction=RESTRICTION_NONE,
        topics=["skole"],
    )
    assert list(
        matching_subscriptions(document=document).values_list("pk", flat=True)
    ) == [followed.pk]

    owed = Notification.objects.get(pk=before["outbox"])
    assert (owed.key, owed.delivery, owed.attempts, owed.emailed_at) == (
        "reminder:1:7",
        Delivery.IMMEDIATE,
        2,
        None,
    )
    assert owed.first_failed_at == before["failing_since"]
    assert owed.last_error == "SMTPServerDisconnected: gone"
    assert Notification.objects.get(pk=before["matched"]).subscription == followed
    assert unread_notification_count(user=reader) == 2

    assert FeedToken.objects.get(user=reader).token == "secret-feed-address"
    assert PersonalDelivery.objects.get(user=reader).delivery == Delivery.WEEKLY
    assert SubscriptionDefaults.objects.filter(user=reader).exists()

    # The content types moved with their ids (what points at them still
    # points right), and a stale twin was merged, not duplicated.
    assert (
        ContentType.objects.get_for_model(Subscription).pk
        == (before["subscription_type"])
    )
    assert not ContentType.objects.filter(
        app_label="search", model__in=["subscription", "notification"]
    ).exists()
    notification_type = ContentType.objects.get_for_model(Notification)
    assert notification_type.app_label == "subscriptions"
    assert (
        Permission.objects.filter(
            content_type=notification_type, codename="view_notification"
        ).count()
        == 1
    )
    assert (
        Group.objects.get(name="Outbox watchers")
        .permissions.filter(
            content_type=notification_type, codename="view_notification"
        )
        .exists()
    )
    reader.refresh_from_db()
    assert reader.has_perm("subscriptions.view_notification")
