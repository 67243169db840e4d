from django.http import HttpRequest
from django.utils import timezone
from wagtail import hooks

from intranet.core.roles import EDITORS, REGISTER_ROLE_RIGHTS, Right, page_rights
from intranet.core.sections import Region, Section
from intranet.core.selectors import reader_units
from news import selectors
from news.models import NEWS_SCOPE, PINNED_SCOPE


@hooks.register(REGISTER_ROLE_RIGHTS)
def news_role_rights() -> list[Right]:
    """The editors (Redaktører) write, change and publish the news."""
    return page_rights(EDITORS, "news.NewsIndexPage", "add", "change", "publish")


def _pinned_news(request: HttpRequest) -> dict:
    return {"pinned_news": selectors.pinned_news(today=timezone.localdate())}


#: The front page's "Bare for meg" switch: ``/?bare=meg``.
ONLY_FOR_ME = ("bare", "meg")


def _only_for_me(request: HttpRequest) -> bool:
    key, value = ONLY_FOR_ME
    return request.GET.get(key) == value


def _latest_news(request: HttpRequest) -> dict:
    # The pinned articles already stand above, so the list leaves them out.
    units = reader_units(request.user)
    only_for_me = _only_for_me(request)
    return {
        "latest_news": selectors.latest_news(
            limit=6,
            today=timezone.localdate(),
            units=units,
            only_for_reader=only_for_me,
        ),
        "news_index": selectors.news_index(),
        "has_unit": bool(units),
        "only_for_me": only_for_me,
    }


def _reader_and_filter(request: HttpRequest) -> str:
    # People in the same unit with the same filter see the same list.
    units = "-".join(str(pk) for pk in reader_units(request.user))
    return f"{units}:{int(_only_for_me(request))}"


@hooks.register("front_page_sections")
def news_sections() -> list[Section]:
    return [
        Section(
            name="pinned-news",
            template="news/home/pinned.html",
            context=_pinned_news,
            region=Region.TOP,
            order=10,
            scopes=(PINNED_SCOPE,),
        ),
        Section(
            name="latest-news",
            template="news/home/latest.html",
            context=_latest_news,
            region=Region.MAIN,
            order=10,
            vary=_reader_and_filter,
            scopes=(NEWS_SCOPE,),
        ),
    ]
