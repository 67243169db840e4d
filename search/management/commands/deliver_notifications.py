"""Send the immediate notification emails still owed (the outbox worker).

Run it from cron every minute, or as a long-running worker with ``--loop``.
"""

import time

from django.core.management.base import BaseCommand

from search.subscription_services import notifications_deliver_immediate


class Command(BaseCommand):
    help = "Send immediate notification emails that have not been sent yet."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--loop",
            type=float,
            default=0,
            metavar="SECONDS",
            help="Keep running, looking for new mail every SECONDS.",
        )

    def handle(self, *args, loop: float = 0, **options) -> None:
        while True:
            sent, failed = notifications_deliver_immediate()
            if sent or failed or options["verbosity"] > 1:
                self.stdout.write(f"Sent {sent}, failed {failed} (retried next run).")
            if not loop:
                return
            time.sleep(loop)
