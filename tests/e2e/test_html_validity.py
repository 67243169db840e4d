"""The pages' HTML passes the W3C Nu HTML Checker with zero errors."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from tests.e2e.conftest import ROOT
from tests.e2e.pages import PAGES, resolve

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


def validate(files: list[Path]) -> list[dict]:
    if not VNU.exists() or not shutil.which("java"):
        pytest.skip("Nu HTML Checker needs Java and vnu-jar: run `make test-e2e`")
    result = subprocess.run(  # noqa: S603 - fixed arguments
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always"]  # noqa: S607
        + [str(path) for path in files],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    messages = json.loads(result.stderr)["messages"]
    return [message for message in messages if message["type"] == "error"]


def test_the_checker_finds_an_error(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html lang="nb"><head><title>x</title></head>'
        "<body><p><div>blokk i avsnitt</div></p></body></html>"
    )

    assert validate([broken]) != []


def test_pages_are_valid_html(client, seeded, tmp_path):
    files = []
    for name, username, path in PAGES:
        client.logout()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        response = client.get(resolve(path))
        assert response.status_code in (200, 400, 404), (name, response.status_code)
        target = tmp_path / f"{len(files):02d}-{name.replace(' ', '-')}.html"
        target.write_bytes(response.content)
        files.append(target)

    errors = validate(files)

    assert errors == [], json.dumps(errors, indent=2, ensure_ascii=False)


def test_the_composers_error_states_are_valid_html(client, seeded, tmp_path):
    from tests.e2e.pages import composer_edit, composer_new_update

    sent = [
        ("kari.nordmann", composer_new_update(), {"action": "publish"}),
        (
            "kari.nordmann",
            composer_edit(),
            {"action": "publish", "title": "", "shows_example": "yes"},
        ),
        (
            "hilde.strand",
            "/skriv/nyhet/",
            {"action": "preview", "important_until": "i går", "title": "Nyhet"},
        ),
    ]
    files = []
    for username, path, data in sent:
        client.force_login(get_user_model().objects.get(username=username))
        response = client.post(path, data)
        assert response.status_code == 200, path
        assert "Noe må rettes" in response.content.decode()
        target = tmp_path / f"composer-error-{len(files)}.html"
        target.write_bytes(response.content)
        files.append(target)

    errors = validate(files)

    assert errors == [], json.dumps(errors, indent=2, ensure_ascii=False)
