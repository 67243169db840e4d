"""Backups: pg_dump of the database plus a tarball of the media folder.

A backup is a folder `intranet-YYYYmmdd-HHMMSS/` with `database.dump` (pg_dump's
custom format), `media.tar.gz` and `manifest.json` (checksums and a fingerprint:
row counts of every table, the media files and the titles on the front page).
`manage.py backup_verify` restores it into an empty database and compares the
fingerprint of the restored copy with the one in the manifest.

A backup holds everything on the intranet, restricted pages included, so only
its owner may read it: the folder is 0700 and every file 0600, whatever the
umask of whoever runs it. Live login state (sessions, login-failure records)
is left out: a stolen backup must not let anyone in.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

# Login state: comes and goes, says nothing about the content, and would let
# whoever holds the backup act as someone (sessions) or see who tried to log in.
# Their rows are not backed up and not counted.
VOLATILE_TABLES = {
    "django_session",
    "axes_accessattempt",
    "axes_accessfailurelog",
    "axes_accesslog",
}
MANIFEST = "manifest.json"
DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"

_MAIN = re.compile(r"<main\b.*?</main>", re.DOTALL | re.IGNORECASE)
_HEADING = re.compile(r"<h([1-4])\b[^>]*>(.*?)</h\1>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def database_settings() -> dict:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise RuntimeError(
            "Backups need PostgreSQL (DATABASE_URL=postgres://…); "
            f"this database is {db['ENGINE']}."
        )
    return db


@contextlib.contextmanager
def owner_only() -> Iterator[None]:
    """Files and folders created inside (by us or by pg_dump) are private."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def make_private(folder: Path) -> None:
    """The folder 0700 and its files 0600, also where the umask was ignored."""
    folder.chmod(0o700)
    for path in folder.iterdir():
        path.chmod(0o600)


def pg_dump_arguments(dump: Path) -> list[str]:
    return [
        "pg_dump",
        "--format=custom",
        "--no-owner",
        "--no-acl",
        *(f"--exclude-table-data={table}" for table in sorted(VOLATILE_TABLES)),
        f"--file={dump}",
    ]


def libpq_environment(db: dict, name: str | None = None) -> dict[str, str]:
    """Environment for pg_dump/pg_restore/psql: the password never on a command line."""
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(db.get("HOST") or "127.0.0.1"),
            "PGPORT": str(db.get("PORT") or "5432"),
            "PGUSER": str(db.get("USER") or ""),
            "PGPASSWORD": str(db.get("PASSWORD") or ""),
            "PGDATABASE": name or db["NAME"],
        }
    )
    return env


def database_url(db: dict, name: str) -> str:
    user = quote(str(db.get("USER") or ""), safe="")
    password = quote(str(db.get("PASSWORD") or ""), safe="")
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    return f"postgres://{user}:{password}@{host}:{port}/{name}"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def table_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in VOLATILE_TABLES:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from introspection
            counts[table] = cursor.fetchone()[0]
    return counts


def media_summary(root: Path) -> dict[str, int]:
    files = (
        [path for path in root.rglob("*") if path.is_file()] if root.exists() else []
    )
    return {"files": len(files), "bytes": sum(path.stat().st_size for path in files)}


def headings_in_main(page_html: str) -> list[str]:
    """The visible headings (h1–h4) inside <main>, as plain text."""
    main = _MAIN.search(page_html)
    text = main.group(0) if main else page_html
    return [
        " ".join(html.unescape(_TAG.sub(" ", inner)).split())
        for _level, inner in _HEADING.findall(text)
    ]


def front_page_headings() -> list[str]:
    """The headings of the front page as the first superuser sees it.

    Rendered in-process without writing to the database: the session lives in a
    signed cookie and the last-login time is not updated.
    """
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import update_last_login
    from django.contrib.auth.signals import user_logged_in
    from django.test import Client, override_settings

    user = (
        get_user_model()
        .objects.filter(is_active=True)
        .order_by("-is_superuser", "pk")
        .first()
    )
    if user is None:
        return []
    host = next(
        (h.lstrip(".") for h in settings.ALLOWED_HOSTS if h not in {"*", "."}),
        "localhost",
    )
    user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
    try:
        with override_settings(
            SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies"
        ):
            client = Client(HTTP_HOST=host)
            client.force_login(user)
            response = client.get("/", secure=True)
    finally:
        user_logged_in.connect(update_last_login, dispatch_uid="update_last_login")
    if response.status_code != 200:
        return [f"HTTP {response.status_code}"]
    return headings_in_main(response.content.decode())


def fingerprint() -> dict:
    return {
        "tables": table_counts(),
        "media": media_summary(Path(settings.MEDIA_ROOT)),
        "front_page": front_page_headings(),
    }


def differences(expected: dict, actual: dict) -> list[str]:
    """What differs between two fingerprints, one readable line each."""
    lines = []
    expected_tables, actual_tables = expected["tables"], actual["tables"]
    for table in sorted(set(expected_tables) | set(actual_tables)):
        before, after = expected_tables.get(table), actual_tables.get(table)
        if before != after:
            lines.append(
                f"table {table}: {before} rows in the backup, {after} restored"
            )
    if expected["media"] != actual["media"]:
        lines.append(
            f"media: {expected['media']} in the backup, {actual['media']} restored"
        )
    if expected["front_page"] != actual["front_page"]:
        lines.append(
            "front page headings differ: "
            f"{expected['front_page']} in the backup, {actual['front_page']} restored"
        )
    return lines
