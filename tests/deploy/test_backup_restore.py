"""Backup → restore into a fresh database → the restored site serves the same
front page."""

import shutil
import tarfile

import pytest

from intranet.core.backup import headings_in_main
from tests.deploy.harness import Server, manage


@pytest.fixture(scope="module")
def backup_folder(site_env, tmp_path_factory):
    """One backup of the seeded site, made with `manage.py backup`."""
    dest = tmp_path_factory.mktemp("backups")
    made = manage(site_env, "backup", f"--dest={dest}")
    assert "Backup written to" in made.stdout
    (folder,) = dest.iterdir()
    return folder


def test_backup_restores_into_a_fresh_database_with_the_same_front_page(
    site_env, server, make_database, backup_folder, tmp_path
):
    backup = backup_folder
    assert {path.name for path in backup.iterdir()} == {
        "database.dump",
        "media.tar.gz",
        "manifest.json",
    }
    with tarfile.open(backup / "media.tar.gz") as archive:
        assert any(
            name.startswith("media/original_images/") for name in archive.getnames()
        )

    restored_url = make_database()
    restored_media = tmp_path / "restored-media"
    verified = manage(
        site_env,
        "backup_verify",
        str(backup),
        f"--into={restored_url}",
        f"--media-into={restored_media}",
    )
    assert "restores:" in verified.stdout
    assert "the same front page" in verified.stdout

    restored_env = dict(
        site_env, DATABASE_URL=restored_url, MEDIA_ROOT=str(restored_media)
    )
    restored = Server(restored_env, tmp_path / "logs", workers=1).start()
    try:
        original_page = server.get("/", session=server.login("kari.nordmann"))
        restored_page = restored.get("/", session=restored.login("kari.nordmann"))
        assert restored_page.status_code == 200
        assert headings_in_main(restored_page.text) == headings_in_main(
            original_page.text
        )
        image = next(
            line.split('src="', 1)[1].split('"', 1)[0]
            for line in restored_page.text.splitlines()
            if 'src="/media/' in line
        )
        session = restored.login("kari.nordmann")
        assert restored.get(image, session=session).status_code == 200
    finally:
        assert restored.stop() == 0


def test_verify_refuses_a_damaged_backup(site_env, backup_folder, tmp_path):
    backup = shutil.copytree(backup_folder, tmp_path / backup_folder.name)
    with (backup / "media.tar.gz").open("ab") as archive:
        archive.write(b"damage")

    result = manage(site_env, "backup_verify", str(backup), check=False)

    assert result.returncode != 0
    assert "media.tar.gz is damaged" in result.stderr


def test_verify_refuses_to_restore_over_a_database_with_tables(site_env, tmp_path):
    manage(site_env, "backup", f"--dest={tmp_path}")
    (backup,) = tmp_path.iterdir()

    result = manage(
        site_env,
        "backup_verify",
        str(backup),
        f"--into={site_env['DATABASE_URL']}",
        check=False,
    )

    assert result.returncode != 0
    assert "not empty" in result.stderr
