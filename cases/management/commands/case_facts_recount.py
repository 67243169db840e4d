from django.core.management.base import BaseCommand, CommandParser

from cases import services


class Command(BaseCommand):
    help = (
        "Count every case's last update, number of updates and last activity "
        "again from its updates, and store those that were wrong."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="Cases read and written at a time (default 500).",
        )

    def handle(self, *args, batch_size: int = 500, **options) -> None:
        self.stdout.write("Counting the updates of every case …")
        corrected = services.case_facts_recount(
            batch_size=max(batch_size, 1), progress=self._progress
        )
        self.stdout.write(self.style.SUCCESS(f"{corrected} cases corrected."))

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"{done}/{total} cases ({100 * done // max(total, 1)}%)")
