from django.http import HttpRequest
from django.utils import timezone
from wagtail import hooks

from intranet.core.roles import EDITORS, REGISTER_ROLE_RIGHTS, Right, page_rights
from intranet.core.sections import Region, Section
from news import selectors


@hooks.register(REGISTER_ROLE_RIGHTS)
def news_role_rights() -> list[Right]:
    """The editors (Redaktører) write, change and publish the news."""
    return page_rights(EDITORS, "news.NewsIndexPage", "add", "change", "publish")


def _pinned_news(request: HttpRequest) -> dict:
    return {"pinned_news": selectors.pinned_news(today=timezone.localdate())}


def _latest_news(request: HttpRequest) -> dict:
    # The pinned articles already stand above, so the list leaves them out.
    return {
        "latest_news": selectors.latest_news(limit=6, today=timezone.localdate()),
        "news_index": selectors.news_index(),
    }


@hooks.register("front_page_sections")
def news_sections() -> list[Section]:
    return [
        Section(
            name="pinned-news",
            template="news/home/pinned.html",
            context=_pinned_news,
            region=Region.TOP,
            order=10,
        ),
        Section(
            name="latest-news",
            template="news/home/latest.html",
            context=_latest_news,
            region=Region.MAIN,
            order=10,
        ),
    ]
