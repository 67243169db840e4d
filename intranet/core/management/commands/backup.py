import json
import shutil
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from intranet.core import backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, custom format) and the media folder into "
        "a new folder under --dest, with a manifest for backup_verify."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dest",
            default="backups",
            help="Folder that gets one intranet-YYYYmmdd-HHMMSS/ per backup.",
        )

    def handle(self, *args, dest: str, **options) -> None:
        try:
            db = backup.database_settings()
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        if not shutil.which("pg_dump"):
            raise CommandError("pg_dump is missing: install the PostgreSQL client.")
        with backup.owner_only():
            folder = self.write(Path(dest), db)
        size_mb = sum(p.stat().st_size for p in folder.iterdir()) / 1024 / 1024
        self.stdout.write(
            self.style.SUCCESS(f"Backup written to {folder} ({size_mb:.1f} MB).")
        )

    def write(self, dest: Path, db: dict) -> Path:
        stamp = datetime.now(tz=UTC).strftime("%Y%m%d-%H%M%S")
        folder = dest / f"intranet-{stamp}"
        folder.mkdir(parents=True, mode=0o700)
        dump = folder / backup.DATABASE_FILE
        result = subprocess.run(  # noqa: S603 - fixed program, no shell
            backup.pg_dump_arguments(dump),
            env=backup.libpq_environment(db),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            shutil.rmtree(folder, ignore_errors=True)
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        media_root = Path(settings.MEDIA_ROOT)
        media = folder / backup.MEDIA_FILE
        with tarfile.open(media, "w:gz") as archive:
            if media_root.exists():
                archive.add(media_root, arcname="media")
        manifest = {
            "created": datetime.now(tz=UTC).isoformat(timespec="seconds"),
            "database": db["NAME"],
            "files": {path.name: backup.sha256_of(path) for path in (dump, media)},
            "fingerprint": backup.fingerprint(),
        }
        (folder / backup.MANIFEST).write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8"
        )
        backup.make_private(folder)
        return folder
