"""The nightly must-read and freshness timers' commands on the production
configuration: what the systemd units run tells the right people, once."""

import shlex

from tests.core.test_deploy_units import UNITS, unit
from tests.deploy.harness import manage, shell

MUST_READ = "IT-systemene stenges natt til søndag"

DUE_IN_TWO_DAYS = """
import datetime
from django.utils import timezone
from news.models import NewsPage
from intranet.reach.models import Acknowledgement
page = NewsPage.objects.get(title={title!r})
NewsPage.objects.filter(pk=page.pk).update(
    must_read_until=timezone.localdate() + datetime.timedelta(days=2))
Acknowledgement.objects.filter(page=page, user__username="kari.nordmann").delete()
"""

QUIET_CASE = """
import datetime
from django.utils import timezone
from cases.models import CaseOwner, CasePage
case = (CaseOwner.objects.filter(user__username="kari.nordmann", case__live=True)
        .exclude(case__status="completed").order_by("case__path").first().case)
CasePage.objects.filter(pk=case.pk).update(
    last_activity_at=timezone.now() - datetime.timedelta(days=400))
print(case.pk, case.title, sep="\\t")
"""

COUNT = """
from intranet.subscriptions.models import Notification
print(Notification.objects.filter(
    user__username="kari.nordmann", key__startswith={prefix!r}).count())
"""


def timer_command(name: str) -> list[str]:
    """What the named timer's service runs, after ``manage.py``."""
    words = shlex.split(unit(UNITS / f"{name}.service")["Service"]["ExecStart"])
    return words[words.index("manage.py") + 1 :]


def told(site_env, prefix: str) -> int:
    output = shell(site_env, COUNT.format(prefix=prefix))
    return int(output.strip())


def test_the_must_read_timer_reminds_once_two_days_before(
    server, site_env, staff_session
):
    shell(site_env, DUE_IN_TWO_DAYS.format(title=MUST_READ))

    manage(site_env, *timer_command("intranet-mustread-reminders"))
    manage(site_env, *timer_command("intranet-mustread-reminders"))

    assert told(site_env, "must-read-reminder:") == 1
    inbox = server.get("/varsler/", session=staff_session).text
    assert f"Påminnelse, må leses: {MUST_READ}" in inbox


def test_the_freshness_timer_tells_a_quiet_cases_owner_once(
    server, site_env, staff_session
):
    output = shell(site_env, QUIET_CASE).strip()
    case_id, title = output.split("\t", 1)

    manage(site_env, *timer_command("intranet-freshness"))
    manage(site_env, *timer_command("intranet-freshness"))

    assert told(site_env, f"freshness:case:{case_id}:") == 1
    inbox = server.get("/varsler/", session=staff_session).text
    assert f"Ingen oppdatering om «{title}»" in inbox
