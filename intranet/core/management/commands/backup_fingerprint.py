import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from intranet.core import backup


class Command(BaseCommand):
    help = (
        "Write the fingerprint of this database and media folder (row counts, "
        "media files, front page headings) as JSON. Used by backup_verify."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, help="JSON file to write.")

    def handle(self, *args, output: str, **options) -> None:
        Path(output).write_text(
            json.dumps(backup.fingerprint(), ensure_ascii=False), encoding="utf-8"
        )
