"""The embedded SQLite database lets two writers take turns instead of failing."""

import threading
import time

from django.db.utils import ConnectionHandler

from intranet.settings.base import database_from_env

HELD_SECONDS = 6  # longer than SQLite's own default wait of 5 s


def test_a_second_writer_waits_for_the_first_instead_of_database_is_locked(
    tmp_path, django_db_blocker, monkeypatch
):
    monkeypatch.delenv("DATABASE_URL", raising=False)  # the embedded default
    config = database_from_env(f"sqlite:///{tmp_path / 'intranet.sqlite3'}")
    # A database of its own, outside the test database pytest-django manages.
    django_db_blocker.unblock()
    handler = ConnectionHandler({"default": config, "second": dict(config)})
    with handler["default"].cursor() as cursor:
        cursor.execute("CREATE TABLE note (text TEXT)")
    holding = threading.Event()

    def hold_the_write_lock() -> None:
        # Connections belong to their thread: this one is the thread's own.
        first = handler["default"]
        with first.cursor() as cursor:
            cursor.execute("BEGIN IMMEDIATE")
            cursor.execute("INSERT INTO note VALUES ('first')")
            holding.set()
            time.sleep(HELD_SECONDS)
            cursor.execute("COMMIT")
        first.close()

    writer = threading.Thread(target=hold_the_write_lock)
    writer.start()
    holding.wait(10)
    try:
        with handler["second"].cursor() as cursor:
            cursor.execute("INSERT INTO note VALUES ('second')")
            cursor.execute("SELECT text FROM note ORDER BY rowid")
            notes = [row[0] for row in cursor.fetchall()]
    finally:
        writer.join()
        handler.close_all()
        django_db_blocker.restore()

    assert notes == ["first", "second"]
    assert config["OPTIONS"]["init_command"] == "PRAGMA journal_mode=WAL;"
