"""Subscriptions (stored searches), their filter values, and notifications.

These models were born in the search app: their tables keep its names
(``Meta.db_table``), so moving them here moved no data.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    INBOX = "inbox", _("Inbox only")
    IMMEDIATE = "immediate", _("Immediate email")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")


# When several of a person's subscriptions match one item, the most urgent
# delivery wins (lower is more urgent).
DELIVERY_URGENCY = {
    Delivery.IMMEDIATE: 0,
    Delivery.DAILY: 1,
    Delivery.WEEKLY: 2,
    Delivery.INBOX: 3,
}


class Subscription(models.Model):
    """A person's stored ``SearchQuery`` and how they want to be told.

    The query's structured filters are copied into ``SubscriptionFilter`` rows
    and its text into ready-made engine expressions, so matching a published
    document against every subscription is one SQL query.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=200)
    query = models.JSONField(_("query"), default=dict)
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery, default=Delivery.INBOX
    )
    paused = models.BooleanField(_("paused"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Derived from ``query`` by the services; never edited by hand.
    kind_count = models.PositiveSmallIntegerField(default=0)
    text_fts = models.CharField(max_length=2000, blank=True)
    text_tsquery = models.CharField(max_length=2000, blank=True)
    day_from = models.IntegerField(null=True, blank=True)
    day_to = models.IntegerField(null=True, blank=True)

    class Meta:
        db_table = "search_subscription"
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["paused", "kind_count"], name="search_sub_active")
        ]

    def __str__(self) -> str:
        return self.name


class SubscriptionFilter(models.Model):
    """One value of one filter kind of a subscription (OR within a kind)."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="filters"
    )
    kind = models.CharField(max_length=10)
    value = models.CharField(max_length=150)

    class Meta:
        db_table = "search_subscriptionfilter"
        verbose_name = _("subscription filter")
        verbose_name_plural = _("subscription filters")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "kind", "value"], name="search_subfilter_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["kind", "value", "subscription"], name="search_subfilter_value"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}={self.value}"


class NotificationKind(models.TextChoices):
    """Why a person is told: a followed search matched, or something addressed
    to them personally (reminders, comments, replies, mentions, news from the
    communication team's pipeline)."""

    MATCH = "match", _("New content you follow")
    REMINDER = "reminder", _("Reminder")
    OVERDUE = "overdue", _("Overdue")
    COMMENT = "comment", _("New comment")
    REPLY = "reply", _("Reply")
    MENTION = "mention", _("Mention")
    PROMOTION = "promotion", _("Promotion")
    PROFILE = "profile", _("Your profile")
    MUST_READ = "must_read", _("Must read")
    FRESHNESS = "freshness", _("Is this still correct?")
    FEEDBACK = "feedback", _("Feedback on a page")
    REVIEW = "review", _("Approval before publishing")


class PersonalDelivery(models.Model):
    """How a person wants to hear about things addressed to them personally
    (reminders, comments, replies, mentions). No row means immediate email."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="personal_delivery",
    )
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery, default=Delivery.IMMEDIATE
    )

    class Meta:
        db_table = "search_personaldelivery"
        verbose_name = _("personal notification setting")
        verbose_name_plural = _("personal notification settings")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.delivery}"


class Notification(models.Model):
    """One item one person is told about, once.

    A followed search notifies once per person and page; a personal
    notification once per person and ``key`` (for example one reminder per
    activity and day count). ``emailed_at`` is set when the email (immediate or
    digest) was accepted by the mail server; until then the delivery commands
    retry it with a growing pause (``next_attempt_at``) until it has failed for
    ``NOTIFICATION_RETRY_HOURS`` since ``first_failed_at`` (or the server refused
    the address for good): then ``given_up_at`` is set and administrators told.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(
        max_length=20, choices=NotificationKind, default=NotificationKind.MATCH
    )
    key = models.CharField(max_length=100, blank=True)
    subscription = models.ForeignKey(
        Subscription,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )
    delivery = models.CharField(max_length=10, choices=Delivery)
    title = models.CharField(_("title"), max_length=255)
    url = models.CharField(max_length=1000)
    intro = models.TextField(blank=True)
    content_type = models.CharField(max_length=20)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    first_failed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    given_up_at = models.DateTimeField(_("given up"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        db_table = "search_notification"
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page"],
                condition=models.Q(kind="match"),
                name="search_notification_once",
            ),
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=~models.Q(key=""),
                name="search_notification_key_once",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "read_at"], name="search_notif_unread"),
            models.Index(fields=["delivery", "emailed_at"], name="search_notif_outbox"),
        ]

    def __str__(self) -> str:
        return self.title


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class FeedToken(models.Model):
    """The secret in a person's personal feed addresses; regenerating revokes."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "search_feedtoken"
        verbose_name = _("feed token")
        verbose_name_plural = _("feed tokens")

    def __str__(self) -> str:
        return f"feed token of {self.user_id}"


class SubscriptionDefaults(models.Model):
    """Marks that a person got the organisation's default subscriptions, so
    what they unfollow stays unfollowed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    applied_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "search_subscriptiondefaults"
        verbose_name = _("default subscriptions given")
        verbose_name_plural = _("default subscriptions given")

    def __str__(self) -> str:
        return f"defaults of {self.user_id}"
