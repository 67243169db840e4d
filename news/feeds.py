"""Atom feeds of news: everything, one topic, one unit.

They are internal: like every other page they need a logged-in session. Personal
feeds a reader can use without a session come with subscriptions.
"""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from intranet.core.models import Topic, Unit
from news import selectors
from news.models import NewsPage


class NewsFeed(Feed):
    feed_type = Atom1Feed
    language = settings.LANGUAGE_CODE

    def get_object(self, request: HttpRequest, *args, **kwargs):
        return None

    def title(self, obj) -> str:
        return _("News – %(site)s") % {"site": settings.WAGTAIL_SITE_NAME}

    def subtitle(self, obj) -> str:
        return _("The newest news articles on the intranet.")

    def author_name(self, obj) -> str:
        return settings.WAGTAIL_SITE_NAME

    def link(self, obj) -> str:
        index = selectors.news_index()
        return index.url if index else "/"

    def feed_url(self, obj) -> str:
        return reverse("news:feed")

    def items(self, obj) -> list[NewsPage]:
        return selectors.news_for_feed()

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.intro

    def item_link(self, item: NewsPage) -> str:
        return item.url

    def item_pubdate(self, item: NewsPage) -> datetime.datetime | None:
        return item.first_published_at

    def item_updateddate(self, item: NewsPage) -> datetime.datetime:
        # Atom requires <updated> on every entry; pages made outside the editor
        # (imports, scripts) may lack publication times.
        return (
            item.last_published_at
            or item.first_published_at
            or timezone.make_aware(
                datetime.datetime.combine(item.date, datetime.time())
            )
        )

    def item_author_name(self, item: NewsPage) -> str | None:
        if item.owner is None:
            return None
        return item.owner.get_full_name() or item.owner.get_username()

    def item_categories(self, item: NewsPage) -> list[str]:
        return [topic.name for topic in item.topics.all()]


class TopicNewsFeed(NewsFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Topic:
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj: Topic) -> str:
        return _("News about %(topic)s – %(site)s") % {
            "topic": obj.name,
            "site": settings.WAGTAIL_SITE_NAME,
        }

    def subtitle(self, obj: Topic) -> str:
        return _("The newest news articles on the topic %(topic)s.") % {
            "topic": obj.name
        }

    def feed_url(self, obj: Topic) -> str:
        return reverse("news:topic_feed", args=[obj.slug])

    def items(self, obj: Topic) -> list[NewsPage]:
        return selectors.news_for_feed(topic=obj)


class UnitNewsFeed(NewsFeed):
    def get_object(self, request: HttpRequest, slug: str) -> Unit:
        return get_object_or_404(Unit, slug=slug)

    def title(self, obj: Unit) -> str:
        return _("News from %(unit)s – %(site)s") % {
            "unit": obj.name,
            "site": settings.WAGTAIL_SITE_NAME,
        }

    def subtitle(self, obj: Unit) -> str:
        return _("The newest news articles from %(unit)s.") % {"unit": obj.name}

    def feed_url(self, obj: Unit) -> str:
        return reverse("news:unit_feed", args=[obj.slug])

    def items(self, obj: Unit) -> list[NewsPage]:
        return selectors.news_for_feed(unit=obj)
