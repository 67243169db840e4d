"""Production settings refuse to start without their variables, and pass --deploy."""

import os
import subprocess
import sys
import time

from tests.deploy.harness import BIN, ROOT, free_port, production_env

REQUIRED = [
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "EMAIL_URL",
    "DEFAULT_FROM_EMAIL",
    "WAGTAILADMIN_BASE_URL",
]


def bare_env(**variables: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in REQUIRED and key != "CSRF_TRUSTED_ORIGINS"
    }
    env["DJANGO_SETTINGS_MODULE"] = "intranet.settings.production"
    # Set but empty, so that a developer's .env cannot fill them in.
    env.update(dict.fromkeys(REQUIRED, ""))
    env.update(variables)
    return env


def run_manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_every_missing_variable_is_listed_at_once():
    result = run_manage(bare_env(), "check")

    assert result.returncode != 0
    message = result.stderr[result.stderr.index("The production settings cannot") :]
    for name in REQUIRED:
        assert f"{name} is not set" in message


def test_unusable_values_are_listed_with_the_missing_ones():
    result = run_manage(
        bare_env(SECRET_KEY="short", DATABASE_URL="sqlite:///db.sqlite3"), "check"
    )

    assert result.returncode != 0
    assert "SECRET_KEY is too short" in result.stderr
    assert "DATABASE_URL must point to PostgreSQL" in result.stderr
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_gunicorn_stops_at_once_with_the_list_and_no_traceback():
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603
        [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py")],
        env=bare_env(GUNICORN_BIND=f"127.0.0.1:{free_port()}"),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )

    assert result.returncode == 1
    assert time.monotonic() - started < 30
    for name in REQUIRED:
        assert f"{name} is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_deploy_passes_with_the_variables_set(tmp_path):
    env = production_env(
        database_url="postgres://intranet:secret@127.0.0.1:5432/intranet",
        media_root=tmp_path / "media",
        static_root=tmp_path / "static",
    )

    result = run_manage(env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
