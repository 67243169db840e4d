"""Ask owners about quiet cases and pages due for review (nightly).

Safe to run as often as you like (a systemd timer runs it every night): each
question is stored once per person and key in the notification outbox, and
`deliver_notifications` sends it.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from intranet.freshness import selectors, services


class Command(BaseCommand):
    help = (
        "Tell the owners of live cases without an update for FRESHNESS_CASE_DAYS "
        "(per status; never completed cases), and ask the owners of news articles "
        "not published or confirmed for FRESHNESS_REVIEW_DAYS whether they are "
        "still correct."
    )

    def handle(self, *args, **options) -> None:
        now = timezone.now()
        days = selectors.case_thresholds()
        self.stdout.write(
            f"Freshness check at {now.isoformat(timespec='seconds')} (case days: "
            + ", ".join(f"{status} {day}" for status, day in sorted(days.items()))
            + f"; review after {selectors.review_days()} days)"
        )
        started = time.monotonic()
        nudges = services.case_nudges_send(now=now)
        self.stdout.write(
            f"  {nudges} case reminder(s) queued ({time.monotonic() - started:.1f} s)"
        )
        started = time.monotonic()
        reviews = services.review_requests_send(now=now)
        self.stdout.write(
            f"  {reviews} review question(s) queued "
            f"({time.monotonic() - started:.1f} s)"
        )
        self.stdout.write(self.style.SUCCESS("Done."))
