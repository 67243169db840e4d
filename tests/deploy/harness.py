"""Run the intranet as it runs in production: gunicorn, production settings,
PostgreSQL on 127.0.0.1. Used by tests/deploy/ and benchmarks/load_bench.py.

The server is reached over plain http on loopback as if through a TLS-terminating
proxy: every request carries `X-Forwarded-Proto: https`, which gunicorn trusts from
127.0.0.1 and Django reads through SECURE_PROXY_SSL_HEADER.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DEMO_PASSWORD = "demo1234"
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
# Variables of the developer's shell or .env that must not leak into the server.
_CLEARED = {
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "EMAIL_URL",
    "DEFAULT_FROM_EMAIL",
    "WAGTAILADMIN_BASE_URL",
    "CSRF_TRUSTED_ORIGINS",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "CACHE_URL",
    "ELASTICSEARCH_URL",
    "SEARCH_BACKEND",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_server_url() -> str:
    """postgres://role:password@127.0.0.1:5432 of a role that may create databases."""
    result = subprocess.run(  # noqa: S603 - our own script
        ["bash", str(ROOT / "scripts/postgres-url.sh")],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"No PostgreSQL: {result.stderr.strip()}")
    return result.stdout.strip().rsplit("/", 1)[0]


def create_database(server_url: str, name: str) -> str:
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server_url}/{name}"


def drop_database(server_url: str, name: str) -> None:
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(*, database_url: str, media_root: Path, static_root: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in _CLEARED}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "intranet.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "EMAIL_URL": "consolemail://",
            "DEFAULT_FROM_EMAIL": "intranett@kommune.invalid",
            "WAGTAILADMIN_BASE_URL": "https://127.0.0.1",
            "MEDIA_ROOT": str(media_root),
            "STATIC_ROOT": str(static_root),
            "HEALTH_MIN_FREE_MB": "10",
            "LOG_LEVEL": "INFO",
        }
    )
    return env


def manage(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if check and result.returncode != 0:
        raise RuntimeError(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result


def shell(env: dict, code: str, *, check: bool = True) -> str:
    """Run Python in ``manage.py shell`` and return what it printed, without
    Django's banner about automatic imports."""
    return manage(env, "shell", "-v", "0", "-c", code, check=check).stdout


def prepare_site(env: dict, *, collectstatic: bool = True) -> None:
    """What a deployment does: migrate, collect static files, load the demo."""
    manage(env, "migrate", "--no-input", "-v", "0")
    if collectstatic:
        manage(env, "collectstatic", "--no-input", "-v", "0")
    manage(env, "seed_demo", "--if-empty")


@dataclass
class Server:
    """gunicorn with the production settings on a free port of 127.0.0.1."""

    env: dict
    log_dir: Path
    workers: int = 2
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def origin(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def stdout_path(self) -> Path:
        return self.log_dir / f"gunicorn-{self.port}.out"

    @property
    def stderr_path(self) -> Path:
        return self.log_dir / f"gunicorn-{self.port}.err"

    def start(self, timeout: float = 90) -> Server:
        env = dict(
            self.env,
            GUNICORN_BIND=f"127.0.0.1:{self.port}",
            GUNICORN_WORKERS=str(self.workers),
            # The browser check talks plain http, so its Origin is http://.
            CSRF_TRUSTED_ORIGINS=f"{self.origin},{self.base}",
        )
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py")],
            env=env,
            cwd=ROOT,
            stdout=self.stdout_path.open("wb"),
            stderr=self.stderr_path.open("wb"),
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with {self.process.returncode}:\n"
                    f"{self.stderr_path.read_text()[-3000:]}"
                )
            try:
                if self.get("/healthz").status_code == 200:
                    return self
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {timeout} s")

    def stop(self, timeout: float = 30) -> int | None:
        """SIGTERM, as systemd sends it; returns gunicorn's exit code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def get(self, path: str, *, session: str | None = None, headers=None, **kwargs):
        cookies = {"sessionid": session} if session else None
        return requests.get(
            self.base + path,
            headers={**PROXY_HEADERS, **(headers or {})},
            cookies=cookies,
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )

    def login(self, username: str, password: str = DEMO_PASSWORD) -> str:
        """Logs in through the login form (with its CSRF token); the session id."""
        form = self.get("/logg-inn/")
        token = re.search(
            r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text
        ).group(1)
        response = requests.post(
            self.base + "/logg-inn/",
            headers={**PROXY_HEADERS, "Origin": self.origin},
            cookies={"csrftoken": form.cookies["csrftoken"]},
            data={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": token,
            },
            allow_redirects=False,
            timeout=30,
        )
        if response.status_code != 302 or "sessionid" not in response.cookies:
            raise RuntimeError(f"Login as {username} failed: {response.status_code}")
        return response.cookies["sessionid"]
