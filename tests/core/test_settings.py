"""Start-up configuration, checked in fresh processes as an operator would run it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# The production settings' own checks (every missing variable listed at once,
# `check --deploy` passing) are in tests/deploy/test_configuration.py.


def test_malformed_database_url_fails_with_a_clear_message():
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE="intranet.settings.dev",
        DATABASE_URL="mysqlx://what",
    )

    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr
    assert "postgres://" in result.stderr
