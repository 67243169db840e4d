"""Personal Atom feeds: a reader authenticates with the token in the address."""

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from intranet.subscriptions import delivery, services
from intranet.subscriptions.models import FeedToken, Notification, Subscription
from intranet.subscriptions.selectors import notifications_for
from search import selectors

FEED_SIZE = 30
logger = logging.getLogger(__name__)


def _owner(token: str):
    found = FeedToken.objects.select_related("user").filter(token=token).first()
    if found is None or not found.user.is_active:
        raise Http404
    return found.user


class AllSubscriptionsFeed(Feed):
    """Everything the person has been notified about, newest first."""

    feed_type = Atom1Feed
    language = settings.LANGUAGE_CODE

    def get_object(self, request: HttpRequest, token: str):
        return _owner(token)

    def title(self, user) -> str:
        return _("My subscriptions – %(site)s") % {"site": settings.WAGTAIL_SITE_NAME}

    def link(self, user) -> str:
        return reverse("subscriptions:notifications")

    def author_name(self, user) -> str:
        return settings.WAGTAIL_SITE_NAME

    def items(self, user):
        return list(notifications_for(user=user)[:FEED_SIZE])

    def item_title(self, item: Notification) -> str:
        return item.title

    def item_description(self, item: Notification) -> str:
        return item.intro

    def item_link(self, item: Notification) -> str:
        return item.url

    def item_guid(self, item: Notification) -> str:
        return delivery.absolute(item.url)

    def item_pubdate(self, item: Notification):
        return item.created_at

    def item_updateddate(self, item: Notification):
        return item.created_at


class SubscriptionFeed(Feed):
    """The newest results of one subscription's search that the person may see."""

    feed_type = Atom1Feed
    language = settings.LANGUAGE_CODE

    def get_object(self, request: HttpRequest, token: str, pk: int):
        user = _owner(token)
        subscription = Subscription.objects.filter(pk=pk, user=user).first()
        if subscription is None:
            raise Http404
        return subscription

    def title(self, subscription) -> str:
        return f"{subscription.name} – {settings.WAGTAIL_SITE_NAME}"

    def link(self, subscription) -> str:
        query = services.subscription_query(subscription)
        return reverse("search:search") + "?" + query.urlencode()

    def author_name(self, subscription) -> str:
        return settings.WAGTAIL_SITE_NAME

    def items(self, subscription):
        query = services.subscription_query(subscription).replace(sort="newest")
        if query.is_empty:
            logger.warning("Subscription %s has no usable query", subscription.pk)
            return []
        results, _notices = selectors.search_run(query=query, user=subscription.user)
        return [hit.document for hit in results.hits[:FEED_SIZE]]

    def item_title(self, item) -> str:
        return item.title

    def item_description(self, item) -> str:
        return item.intro

    def item_link(self, item) -> str:
        return item.url

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.published


all_feed = login_not_required(AllSubscriptionsFeed())
subscription_feed = login_not_required(SubscriptionFeed())
