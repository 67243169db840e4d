"""Send the daily or weekly digests (run from cron once a day / a week)."""

from django.core.management.base import BaseCommand

from search.subscription_services import digests_send


class Command(BaseCommand):
    help = "Send one digest email per person of what they follow."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--period", choices=["daily", "weekly"], required=True)

    def handle(self, *args, period: str, **options) -> None:
        sent, failed = digests_send(period=period)
        self.stdout.write(f"Sent {sent} digests, {failed} failed (retried next run).")
