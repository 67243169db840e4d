"""Send the daily or weekly digests (run from cron once a day / a week).

A digest that fails is retried by ``deliver_notifications`` with a growing pause
for NOTIFICATION_RETRY_HOURS, not only at the next scheduled run.
"""

from django.core.management.base import BaseCommand

from search.subscription_services import digests_send


class Command(BaseCommand):
    help = "Send one digest email per person of what they follow."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--period", choices=["daily", "weekly"], required=True)

    def handle(self, *args, period: str, **options) -> None:
        sent, failed = digests_send(period=period)
        self.stdout.write(
            f"Sent {sent} digests, {failed} failed (retried by deliver_notifications)."
        )
