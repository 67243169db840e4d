"""`manage.py backup`: private files, and no way in for whoever holds one."""

import os
import stat
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from intranet.core.backup import DATABASE_FILE, libpq_environment
from tests import postgres

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def postgres_only(db):
    postgres.postgres_only()


@pytest.fixture
def world_readable_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.postgres
# serialized_rollback: the flush at the end must not take the role groups and
# the site (made by migrations) from the tests after it in the same process.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_is_readable_by_its_owner_only_and_holds_no_sessions(
    postgres_only, world_readable_umask, staff_client, tmp_path
):
    session_key = staff_client.session.session_key
    assert session_key

    call_command("backup", dest=str(tmp_path / "backups"))

    (folder,) = (tmp_path / "backups").iterdir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = list(folder.iterdir())
    assert {path.name for path in files} == {
        "database.dump",
        "media.tar.gz",
        "manifest.json",
    }
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    restored_sql = subprocess.run(  # noqa: S603 - fixed program, no shell
        ["pg_restore", "--data-only", "--file=-", str(folder / DATABASE_FILE)],  # noqa: S607
        env=libpq_environment(settings.DATABASES["default"]),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "auth_user" in restored_sql
    assert session_key not in restored_sql


def test_the_backup_service_runs_with_a_private_umask():
    unit = (ROOT / "deploy/systemd/intranet-backup.service").read_text()
    service = unit.split("[Service]", 1)[1]
    assert "UMask=0077" in service.splitlines()
