"""Send the daily or weekly digests (run from cron once a day / a week).

A digest that fails is retried by ``deliver_notifications`` with a growing pause
for NOTIFICATION_RETRY_HOURS, not only at the next scheduled run.

With ``--shard 2/4`` the command serves only the second of four parts of the
people, so four copies can share the work (on PostgreSQL; SQLite has one
writer at a time). Every person is in exactly one part, and two copies of the
same part running at once still send each digest once.
"""

from django.core.management.base import BaseCommand, CommandError

from intranet.subscriptions.delivery import Shard, digests_send


def shard_argument(value: str) -> Shard:
    try:
        return Shard.parse(value)
    except ValueError:
        raise CommandError(
            f"--shard takes a part and a number of parts, such as 1/4 (not {value!r})."
        ) from None


class Command(BaseCommand):
    help = "Send one digest email per person of what they follow."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--period", choices=["daily", "weekly"], required=True)
        parser.add_argument(
            "--shard",
            metavar="I/N",
            help="Serve only part I of N of the people (1/4 … 4/4).",
        )

    def handle(self, *args, period: str, shard: str | None = None, **options) -> None:
        part = shard_argument(shard) if shard else None
        verbose = options["verbosity"] > 0
        reported = [0]

        def progress(done: int, total: int) -> None:
            # A line per thousand people: readable in a cron log too.
            if verbose and (done == total or done // 1000 > reported[0] // 1000):
                reported[0] = done
                self.stdout.write(f"{done}/{total} people done")

        sent, failed = digests_send(period=period, shard=part, progress=progress)
        self.stdout.write(
            f"Sent {sent} digests, {failed} failed (retried by deliver_notifications)."
        )
