"""The e-mail outbox in /healthz and on the admin dashboard."""

import datetime

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from intranet.core.health import Check
from intranet.core.sections import Region, Section
from intranet.subscriptions import delivery_selectors, selectors


@hooks.register("register_health_check")
def outbox_health() -> tuple[str, Check]:
    """Outbox "delayed" (so /healthz says "degraded") once the oldest e-mail owed has
    waited longer than HEALTH_OUTBOX_MAX_AGE_MINUTES; a long queue alone is not
    a problem (one publish may notify thousands), a stuck one is."""
    now = timezone.now()
    status = delivery_selectors.outbox_status(now=now)
    age = status.oldest_age(now=now)
    maximum = datetime.timedelta(minutes=settings.HEALTH_OUTBOX_MAX_AGE_MINUTES)
    details = {
        "backlog": status.backlog,
        "oldest_age_seconds": None if age is None else int(age.total_seconds()),
        "given_up": status.given_up,
    }
    return "outbox", Check(
        "delayed" if age is not None and age > maximum else "ok", details=details
    )


class OutboxPanel(Component):
    """Tells administrators what the mail server has not taken yet, and which
    e-mails were given up (mailing them about it may be what fails)."""

    name = "outbox"
    order = 40
    template_name = "subscriptions/admin/outbox_panel.html"

    def get_context_data(self, parent_context=None) -> dict:
        now = timezone.now()
        status = delivery_selectors.outbox_status(now=now)
        return {
            "status": status,
            "oldest_due_at": status.oldest_due_at,
            "given_up": list(delivery_selectors.notifications_given_up(now=now)),
            "retry_hours": settings.NOTIFICATION_RETRY_HOURS,
        }


@hooks.register("construct_homepage_panels")
def add_outbox_panel(request: HttpRequest, panels: list) -> None:
    # Superusers only: the list names recipients and (possibly restricted) titles.
    if request.user.is_superuser:
        panels.append(OutboxPanel())


def _for_you(request: HttpRequest) -> dict:
    return {"section": selectors.for_you(user=request.user)}


@hooks.register("front_page_sections")
def for_you_section() -> Section:
    # What this person follows: personal, so never cached.
    return Section(
        name="for-you",
        template="subscriptions/home/for_you.html",
        context=_for_you,
        region=Region.ASIDE,
        order=10,
        cached=False,
    )
