import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from uuid import uuid4

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from intranet.core import backup


class Command(BaseCommand):
    help = (
        "Check that a backup can be restored: restore it into an empty database "
        "and a fresh media folder, then compare row counts, media files and the "
        "front page with the backup's manifest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", help="A folder made by `manage.py backup`.")
        parser.add_argument(
            "--into",
            metavar="DATABASE_URL",
            help="Restore into this existing, empty database and keep it. "
            "Default: a temporary database next to the current one, dropped after.",
        )
        parser.add_argument(
            "--media-into",
            metavar="FOLDER",
            help="Unpack the media here and keep them. Default: a temporary folder.",
        )

    def handle(self, *args, **options) -> None:
        folder = Path(options["backup"])
        manifest_path = folder / backup.MANIFEST
        if not manifest_path.is_file():
            raise CommandError(f"{folder} has no {backup.MANIFEST}: not a backup.")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        for name, checksum in manifest["files"].items():
            if backup.sha256_of(folder / name) != checksum:
                raise CommandError(f"{name} is damaged: its checksum does not match.")
        try:
            db = backup.database_settings()
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc

        temporary_name = None
        if options["into"]:
            target_url = options["into"]
        else:
            temporary_name = f"{db['NAME']}_verify_{uuid4().hex[:8]}"
            self._admin_sql(db, f'CREATE DATABASE "{temporary_name}"')
            target_url = backup.database_url(db, temporary_name)
        try:
            with tempfile.TemporaryDirectory(prefix="intranet-verify-") as scratch:
                media_root = Path(options["media_into"] or Path(scratch) / "media")
                self._restore(folder, target_url, media_root)
                restored = self._fingerprint(target_url, media_root, Path(scratch))
        finally:
            if temporary_name:
                self._admin_sql(db, f'DROP DATABASE IF EXISTS "{temporary_name}"')
        problems = backup.differences(manifest["fingerprint"], restored)
        if problems:
            raise CommandError(
                "The restored copy differs from the backup:\n"
                + "\n".join(f"  - {line}" for line in problems)
            )
        tables = len(restored["tables"])
        rows = sum(restored["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup {folder.name} restores: {tables} tables, {rows} rows, "
                f"{restored['media']['files']} media files and the same front page "
                f"({len(restored['front_page'])} headings)."
            )
        )

    def _admin_sql(self, db: dict, statement: str) -> None:
        """CREATE/DROP DATABASE on the server of the current database."""
        with psycopg.connect(
            host=db.get("HOST") or "127.0.0.1",
            port=db.get("PORT") or "5432",
            user=db.get("USER"),
            password=db.get("PASSWORD"),
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(statement)

    def _restore(self, folder: Path, target_url: str, media_root: Path) -> None:
        with psycopg.connect(
            target_url.replace("postgres://", "postgresql://", 1)
        ) as conn:
            tables = conn.execute(
                "SELECT COUNT(*) FROM information_schema.tables "
                "WHERE table_schema = 'public'"
            ).fetchone()[0]
        if tables:
            raise CommandError("The database to restore into is not empty.")
        result = subprocess.run(  # noqa: S603 - fixed program, no shell
            [  # noqa: S607 - the PostgreSQL client on PATH
                "pg_restore",
                "--no-owner",
                "--no-acl",
                "--exit-on-error",
                f"--dbname={target_url.replace('postgres://', 'postgresql://', 1)}",
                str(folder / backup.DATABASE_FILE),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(folder / backup.MEDIA_FILE, "r:gz") as archive:
            for member in archive.getmembers():
                if member.name == "media" or not member.name.startswith("media/"):
                    continue
                member.name = member.name.removeprefix("media/")
                archive.extract(member, media_root, filter="data")

    def _fingerprint(self, target_url: str, media_root: Path, scratch: Path) -> dict:
        """Fingerprint the restored copy in a separate process pointed at it."""
        output = scratch / "fingerprint.json"
        env = dict(os.environ, DATABASE_URL=target_url, MEDIA_ROOT=str(media_root))
        result = subprocess.run(  # noqa: S603 - this interpreter, no shell
            [
                sys.executable,
                str(Path(settings.BASE_DIR) / "manage.py"),
                "backup_fingerprint",
                f"--output={output}",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise CommandError(
                f"The restored copy cannot be read: {result.stderr.strip()[-2000:]}"
            )
        return json.loads(output.read_text(encoding="utf-8"))
