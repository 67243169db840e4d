from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Page

from news import services
from news.models import NewsIndexPage


@hooks.register("after_create_page")
def open_new_news_index_to_editors(request: HttpRequest, page: Page) -> None:
    if isinstance(page, NewsIndexPage):
        services.news_index_grant_editors(index=page)
