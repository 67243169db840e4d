from django.http import HttpRequest
from wagtail import hooks

from intranet.core.models import ADMIN_MENU_SCOPE
from intranet.core.roles import group_names
from intranet.core.sections import FRONT_PAGE, Region, Section
from news.models import NewsIndexPage


def _write_news(request: HttpRequest) -> dict:
    index = NewsIndexPage.objects.live().order_by("path").first()
    may_write = index is not None and (
        index.permissions_for_user(request.user).can_add_subpage()
    )
    return {"may_write_news": may_write}


def _rights(request: HttpRequest) -> str:
    # Wagtail gives rights over pages to groups (and all to superusers): people
    # in the same groups may write news under the same index, or not.
    user = request.user
    return "|".join([str(int(user.is_superuser)), *sorted(group_names(user))])


@hooks.register(FRONT_PAGE)
def write_news_section() -> Section:
    """ "Skriv nyhet" for the people who may, above the front page's columns.
    Kept for everyone in the same groups until a group's rights change
    (``ADMIN_MENU_SCOPE``) or a change that names no scope (the news index
    moved or unpublished)."""
    return Section(
        name="write-news",
        template="composer/includes/write_news.html",
        context=_write_news,
        region=Region.TOP,
        order=0,
        vary=_rights,
        scopes=(ADMIN_MENU_SCOPE,),
    )
