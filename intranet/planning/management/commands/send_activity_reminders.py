"""Remind owners before their activities and tell the team about overdue ones.

Safe to run as often as you like (cron, a systemd timer): each reminder is
stored once per person and key in the notification outbox, and
`deliver_notifications` sends it.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from intranet.planning import services


class Command(BaseCommand):
    help = (
        "Notify owners N days before their communication activities "
        "(PLANNING_REMINDER_DAYS) and the communication team about overdue ones."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-overdue",
            action="store_true",
            help="Only send reminders; do not report overdue activities.",
        )

    def handle(self, *args, no_overdue: bool = False, **options) -> None:
        today = timezone.localdate()
        days = services.reminder_days()
        self.stdout.write(
            f"Reminders for {today.isoformat()} (days before: "
            f"{', '.join(str(day) for day in days) or 'none'})"
        )
        reminders = services.activity_reminders_send(today=today, days=days)
        self.stdout.write(f"  {reminders} reminder(s) queued")
        if not no_overdue:
            overdue = services.activity_overdue_notify(today=today)
            self.stdout.write(f"  {overdue} overdue notice(s) queued")
        self.stdout.write(self.style.SUCCESS("Done."))
