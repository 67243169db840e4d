"""Send the notification emails that are due (the outbox worker).

Run it from cron every minute, or as a long-running worker with ``--loop``.
Each run also retries the daily and weekly digests that failed, so a digest
is not held back until the next scheduled one. A failed email waits 1, 2, 4 ...
minutes (at most an hour) before its next attempt and is retried for
NOTIFICATION_RETRY_HOURS before it is given up.
"""

import time

from django.core.management.base import BaseCommand

from intranet.subscriptions.delivery import (
    digests_retry,
    notifications_deliver_immediate,
)


class Command(BaseCommand):
    help = "Send immediate notification emails and retry failed digests."

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
            digests_sent, digests_failed = digests_retry()
            if sent or failed or digests_sent or digests_failed:
                self.stdout.write(
                    f"Sent {sent}, failed {failed}; digests sent {digests_sent}, "
                    f"failed {digests_failed} (failures are retried later)."
                )
            elif options["verbosity"] > 1:
                self.stdout.write("Nothing due.")
            if not loop:
                return
            time.sleep(loop)
