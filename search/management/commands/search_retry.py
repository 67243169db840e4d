from django.core.management.base import BaseCommand, CommandParser

from search import services


class Command(BaseCommand):
    help = (
        "Send index updates that failed (e.g. while Elasticsearch was down) "
        "again. Safe to run often, e.g. every minute from cron."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=1000)

    def handle(self, *args, limit: int = 1000, **options) -> None:
        sent, failed = services.pending_index_updates_retry(limit=limit)
        if failed:
            self.stdout.write(
                self.style.WARNING(
                    f"{sent} updates sent, {failed} still failing "
                    "(kept for the next run)."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"{sent} pending updates sent."))
