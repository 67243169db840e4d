from django.http import HttpRequest
from wagtail import hooks

from intranet.core.sections import FRONT_PAGE, Region, Section
from news.models import NewsIndexPage


def _write_news(request: HttpRequest) -> dict:
    index = NewsIndexPage.objects.live().order_by("path").first()
    may_write = index is not None and (
        index.permissions_for_user(request.user).can_add_subpage()
    )
    return {"may_write_news": may_write}


@hooks.register(FRONT_PAGE)
def write_news_section() -> Section:
    """ "Skriv nyhet" for the people who may, above the front page's columns."""
    return Section(
        name="write-news",
        template="composer/includes/write_news.html",
        context=_write_news,
        region=Region.TOP,
        order=0,
        cached=False,
    )
