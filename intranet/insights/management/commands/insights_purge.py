from django.core.management.base import BaseCommand

from intranet.insights.services import read_marks_purge


class Command(BaseCommand):
    help = (
        "Delete the read marks of past days (the per-person hashes that keep a "
        "colleague from being counted twice a day). Run daily after midnight."
    )

    def handle(self, *args, **options) -> None:
        deleted = read_marks_purge()
        self.stdout.write(f"Deleted {deleted} read marks of past days.")
