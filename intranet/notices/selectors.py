"""Reads for alerts and page feedback.

Every page shows the current alerts, so they are read from the cache, under a
key of their own that saving or deleting an alert clears (a publish elsewhere
does not make every page read them again): the cached list holds the alerts
that have not ended when it was read, and which of them show is decided at
each request, so an alert appears and disappears at its own times even while
the list is cached. A person sees feedback only about pages they
may see: the title of a page kept from them is never shown.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Page

from cases.models import CaseOwner, CasePage
from intranet.core.models import is_story
from intranet.core.page_access import hidden_from, visible_to
from intranet.notices.models import Alert, FeedbackStatus, PageFeedback

#: The cached list of alerts lives at most this long (it is also replaced at
#: once whenever an alert is saved or deleted).
ALERTS_CACHE_SECONDS = 60 * 60
#: The longest address a feedback may be about.
MAX_PATH_LENGTH = 1000
#: A session remembers at most this many put-away alerts.
DISMISSED_KEY = "notices_dismissed_alerts"


def _alerts_not_ended() -> list[Alert]:
    return list(
        Alert.objects.filter(ends_at__gt=timezone.now()).order_by("starts_at", "pk")
    )


ALERTS_CACHE_KEY = "notices:alerts"


def alerts_not_ended() -> list[Alert]:
    """The alerts showing now or later (cached until an alert changes)."""
    return cache.get_or_set(
        ALERTS_CACHE_KEY, _alerts_not_ended, timeout=ALERTS_CACHE_SECONDS
    )


#: Most serious first.
_LEVEL_ORDER = {"critical": 0, "warning": 1, "info": 2}


def alerts_for(*, session, now: datetime.datetime | None = None) -> list[Alert]:
    """The alerts to show now, most serious first, without those the person
    put away (a critical alert is never left out)."""
    now = now or timezone.now()
    dismissed = set(session.get(DISMISSED_KEY, [])) if session is not None else set()
    shown = [
        alert
        for alert in alerts_not_ended()
        if alert.is_current(now)
        and not (alert.dismissable and alert.dismiss_token in dismissed)
    ]
    return sorted(shown, key=lambda alert: (_LEVEL_ORDER[alert.level], -alert.pk))


def local_path(value: str | None, *, request: HttpRequest) -> str:
    """``value`` if it is an address on this site (``/…``), else ``""``."""
    value = (value or "").strip()
    if (
        not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or len(value) > MAX_PATH_LENGTH
        or any(ord(char) < 32 for char in value)
        or not url_has_allowed_host_and_scheme(
            value, allowed_hosts={request.get_host()}
        )
    ):
        return ""
    return value


def page_for_path(*, path: str, request: HttpRequest, user) -> Page | None:
    """The live page at ``path`` if the person may see it, else None: a page
    kept from them is treated as no page at all."""
    if not path:
        return None
    route = urlsplit(path).path or "/"
    try:
        page = Page.find_for_request(request, route)
    except Exception:  # noqa: BLE001 - a route the tree cannot answer is no page
        return None
    if page is None:
        return None
    if not Page.objects.filter(pk=page.pk).filter(visible_to(user)).exists():
        return None
    return page.specific


def page_owner_ids(page: Page) -> set[int]:
    """Who a page belongs to: a story's owners, a case's owners, else the
    page's Wagtail owner."""
    specific = page.specific
    if is_story(specific):
        return set(specific.story_owner_ids())
    if isinstance(specific, CasePage):
        owners = set(
            CaseOwner.objects.filter(case=specific).values_list("user_id", flat=True)
        )
        if owners:
            return owners
    return {page.owner_id} if page.owner_id else set()


def users_who_can_view(*, page: Page, user_ids: Iterable[int]) -> list:
    """The active people among ``user_ids`` who may see the page now."""
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.filter(pk__in=set(user_ids), is_active=True)
    return [
        person
        for person in people
        if Page.objects.filter(pk=page.pk).filter(visible_to(person)).exists()
    ]


def feedback_duplicate(
    *, user: AbstractBaseUser, path: str, text: str, window: datetime.timedelta
) -> PageFeedback | None:
    """The same person's same text about the same address, sent just now."""
    return (
        PageFeedback.objects.filter(
            user=user,
            path=path,
            text=text,
            created_at__gte=timezone.now() - window,
        )
        .order_by("-created_at")
        .first()
    )


def _with_page_shown(feedback: QuerySet, *, user) -> QuerySet:
    """Each row says whether its page's title may be shown to ``user``."""
    return feedback.annotate(
        page_hidden=ExpressionWrapper(
            hidden_from(user, prefix="page__"), output_field=BooleanField()
        )
    )


def feedback_overview(
    *, user, status: str | None = None, unit_id: int | None = None
) -> QuerySet[PageFeedback]:
    """All feedback for the communication team, newest first; the rows' page,
    person and unit loaded with them."""
    feedback = PageFeedback.objects.select_related("page", "user", "unit")
    if status:
        feedback = feedback.filter(status=status)
    if unit_id:
        feedback = feedback.filter(unit_id=unit_id)
    return _with_page_shown(feedback, user=user).order_by("-created_at", "-pk")


def feedback_counts() -> dict[str, int]:
    """How many feedbacks have each status (one query)."""
    counts = PageFeedback.objects.aggregate(
        **{
            value: Count("pk", filter=Q(status=value))
            for value in FeedbackStatus.values
        }
    )
    return {value: counts[value] or 0 for value in FeedbackStatus.values}


def feedback_units() -> QuerySet:
    """The units that some feedback is about, for the overview's filter."""
    from intranet.core.models import Unit

    return Unit.objects.filter(
        pk__in=PageFeedback.objects.filter(unit__isnull=False).values("unit")
    ).order_by("name")


def feedback_received(*, user) -> QuerySet[PageFeedback]:
    """Feedback the person was told about as an owner, about pages they may
    still see, newest first."""
    feedback = (
        PageFeedback.objects.filter(recipients=user)
        .filter(visible_to(user, prefix="page__"))
        .select_related("page", "user")
    )
    return feedback.order_by("-created_at", "-pk")
