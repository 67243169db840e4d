"""Ask people to confirm their profile once a year.

Safe to run as often as you like: a person is asked once a calendar year (one
notification per person and key in the outbox), and `deliver_notifications`
sends it.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from intranet.people import services


class Command(BaseCommand):
    help = "Remind people whose profile is unconfirmed for a year to check it."

    def handle(self, *args, **options) -> None:
        sent = services.profile_reminders_send()
        self.stdout.write(f"{sent} profile reminder(s) queued")
        self.stdout.write(self.style.SUCCESS("Done."))
