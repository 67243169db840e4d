"""Scheduled publishing, made visible: the go-live and expiry times Wagtail
holds for the pages a person may edit, for the annual plan and "Mine saker".

Wagtail keeps a page scheduled to go live as a revision with
``approved_go_live_at`` (its ``publish_scheduled`` command publishes it then),
and a live page scheduled to expire with ``expire_at``. A person sees the
times of the pages they may change, as Wagtail's permission tester says (so
a case owner sees their case's updates, an editor the news, the
communication team everything), and nothing of the rest: a scheduled page is
not live yet, so its title is the editors' business.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision

#: How many scheduled times are read before the permission test: far more
#: than a municipality schedules in one period.
CANDIDATES = 200
#: How many are shown.
SHOWN = 20


class Change:
    PUBLISH = "publish"
    EXPIRE = "expire"


@dataclass(frozen=True)
class Scheduled:
    """One page going live or expiring at a time."""

    page: Page
    title: str
    at: datetime.datetime
    change: str

    @property
    def goes_live(self) -> bool:
        return self.change == Change.PUBLISH

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])


def _bounds(start: datetime.date, end: datetime.date):
    """The local days `start` to `end` (both included) as aware datetimes, from
    now on: what is past has already happened."""
    zone = timezone.get_current_timezone()
    low = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    high = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return max(low, timezone.now()), high


def scheduled_for(
    *,
    user: AbstractBaseUser,
    start: datetime.date,
    end: datetime.date,
    limit: int = SHOWN,
) -> list[Scheduled]:
    """Pages the person may edit that go live or expire between `start` and
    `end`, soonest first. A fixed number of queries: the scheduled times, the
    pages by kind, and the person's permissions (cached for the request)."""
    low, high = _bounds(start, end)
    if low >= high:
        return []
    going_live = list(
        Revision.page_revisions.filter(
            approved_go_live_at__gte=low, approved_go_live_at__lt=high
        )
        .order_by("approved_go_live_at", "pk")
        .values_list("object_id", "approved_go_live_at", "content__title")[:CANDIDATES]
    )
    expiring = list(
        Page.objects.live()
        .filter(expire_at__gte=low, expire_at__lt=high)
        .order_by("expire_at", "pk")
        .values_list("pk", "expire_at")[:CANDIDATES]
    )
    ids = {int(object_id) for object_id, _at, _title in going_live}
    ids.update(pk for pk, _at in expiring)
    if not ids:
        return []
    pages = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    items = [
        Scheduled(
            page=pages[int(object_id)],
            # What goes live is the revision's title, not the page row's.
            title=title or pages[int(object_id)].title,
            at=at,
            change=Change.PUBLISH,
        )
        for object_id, at, title in going_live
        if int(object_id) in pages
    ]
    items += [
        Scheduled(page=pages[pk], title=pages[pk].title, at=at, change=Change.EXPIRE)
        for pk, at in expiring
        if pk in pages
    ]
    items.sort(key=lambda item: (item.at, item.page.pk))
    editable = []
    for item in items:
        if item.page.permissions_for_user(user).can_edit():
            editable.append(item)
            if len(editable) == limit:
                break
    return editable
