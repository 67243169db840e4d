"""The scheduled-publishing timer's command on the production configuration."""

import shlex

from tests.core.test_deploy_units import UNITS, unit
from tests.deploy.harness import manage, shell

TITLE = "Planlagt kantinenytt fra timeren"
WORD = "kantinetimer"

SCHEDULE = """
import datetime
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Revision
from news.models import NewsIndexPage
from news.services import news_article_create
from search.query import SearchQuery
from intranet.subscriptions.services import subscription_create

kari = get_user_model().objects.get(username="kari.nordmann")
subscription_create(user=kari, name={word!r},
                    query=SearchQuery.from_querydict({{"q": [{word!r}]}}))
page = news_article_create(index=NewsIndexPage.objects.get(), title={title!r},
                           slug="planlagt-kantine", intro="Om {word}.",
                           owner=get_user_model().objects.get(username="admin"),
                           publish=False)
# As it stands a minute after the editor scheduled it for "go live at" now.
page.go_live_at = timezone.now() - datetime.timedelta(minutes=1)
revision = page.save_revision()
Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=page.go_live_at)
"""
EXPIRE = """
import datetime
from django.utils import timezone
from news.models import NewsPage
NewsPage.objects.filter(slug="planlagt-kantine").update(
    expire_at=timezone.now() - datetime.timedelta(minutes=1))
"""
DELETE = """
from news.models import NewsPage
from intranet.subscriptions.models import Subscription
NewsPage.objects.filter(slug="planlagt-kantine").delete()
Subscription.objects.filter(name={word!r}).delete()
"""


def timer_command() -> list[str]:
    """What intranet-publish-scheduled.timer runs, after ``manage.py``."""
    words = shlex.split(
        unit(UNITS / "intranet-publish-scheduled.service")["Service"]["ExecStart"]
    )
    return words[words.index("manage.py") + 1 :]


def test_timer_publishes_and_expires_pages_with_search_and_notifications(
    server, site_env, staff_session
):
    url = "/nyheter/planlagt-kantine/"
    shell(site_env, SCHEDULE.format(title=TITLE, word=WORD))
    try:
        assert server.get(url, session=staff_session).status_code == 404
        assert TITLE not in server.get(f"/sok/?q={WORD}", session=staff_session).text

        manage(site_env, *timer_command())

        assert server.get(url, session=staff_session).status_code == 200
        assert url in server.get(f"/sok/?q={WORD}", session=staff_session).text
        assert TITLE in server.get("/varsler/", session=staff_session).text

        shell(site_env, EXPIRE)
        manage(site_env, *timer_command())

        assert server.get(url, session=staff_session).status_code == 404
        assert url not in server.get(f"/sok/?q={WORD}", session=staff_session).text
        assert TITLE not in server.get("/varsler/", session=staff_session).text
    finally:
        shell(site_env, DELETE.format(word=WORD))
