"""Remind the people who have not yet confirmed a must-read story, two days
before its deadline.

Safe to run as often as you like (a nightly systemd timer): a missed night is
caught up while the deadline has not passed, and each person is reminded once
per story and deadline (a moved deadline reminds again). `deliver_notifications`
sends the reminders from the outbox.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from intranet.reach import services


class Command(BaseCommand):
    help = (
        "Remind those who have not confirmed a must-read story "
        f"{services.REMIND_DAYS_BEFORE} days before its deadline."
    )

    def handle(self, *args, **options) -> None:
        today = timezone.localdate()
        self.stdout.write(f"Must-read reminders for {today.isoformat()}")
        reminded = services.mustread_remind(today=today)
        self.stdout.write(f"  {reminded} reminder(s) queued")
        self.stdout.write(self.style.SUCCESS("Done."))
