"""/healthz: database, cache, free disk for uploads and the SMTP server."""

import logging
import socket

import pytest
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

from intranet.core import health

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def _fresh_smtp_answers():
    health._smtp_results.clear()
    yield
    health._smtp_results.clear()


@pytest.fixture
def smtp_backend(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_SSL = False
    return settings


def test_all_parts_healthy(client, settings):
    settings.HEALTH_MIN_FREE_MB = 1

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    assert body["disk"] == "ok"
    assert body["disk_free_mb"] >= 1
    assert body["mail"] == "not_smtp"


def test_reachable_smtp_server_is_ok(client, smtp_backend):
    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=free_port())
    controller.start()
    smtp_backend.EMAIL_PORT = controller.port
    smtp_backend.HEALTH_MIN_FREE_MB = 1
    try:
        body = client.get("/healthz").json()
    finally:
        controller.stop()

    assert body["mail"] == "ok"
    assert body["status"] == "ok"


def test_unreachable_smtp_server_degrades_without_failing(client, smtp_backend, caplog):
    smtp_backend.EMAIL_PORT = free_port()  # nothing listens there
    smtp_backend.HEALTH_MIN_FREE_MB = 1

    with caplog.at_level(logging.WARNING, logger="intranet.health"):
        response = client.get("/healthz")

    # Pages still work, so the load balancer keeps this instance.
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["mail"] == "unreachable"
    assert "SMTP server does not answer" in caplog.text


def test_smtp_server_is_asked_at_most_once_a_minute(client, smtp_backend):
    smtp_backend.EMAIL_PORT = free_port()
    smtp_backend.HEALTH_MIN_FREE_MB = 1
    assert client.get("/healthz").json()["mail"] == "unreachable"

    from aiosmtpd.controller import Controller

    class Handler:
        pass

    controller = Controller(
        Handler(), hostname="127.0.0.1", port=smtp_backend.EMAIL_PORT
    )
    controller.start()
    try:
        # Still the remembered answer: monitoring cannot flood the SMTP server.
        assert client.get("/healthz").json()["mail"] == "unreachable"
    finally:
        controller.stop()


def test_low_disk_for_uploads_degrades_and_is_logged(client, settings, caplog):
    settings.HEALTH_MIN_FREE_MB = 10**12  # more than any disk has

    with caplog.at_level(logging.WARNING, logger="intranet.health"):
        response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["disk"] == "low"
    assert body["disk_minimum_mb"] == 10**12
    assert "little free space" in caplog.text


def test_media_folder_not_made_yet_is_measured_on_its_parent(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "not" / "there" / "yet"
    settings.HEALTH_MIN_FREE_MB = 1

    assert client.get("/healthz").json()["disk"] == "ok"


class UnreachableCache(BaseCache):
    """A cache server that is down: every call fails like a refused connection."""

    def __init__(self, location, params):
        super().__init__(params)

    def get(self, key, default=None, version=None):
        raise ConnectionRefusedError("cache server down")

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        raise ConnectionRefusedError("cache server down")

    def delete(self, key, version=None):
        raise ConnectionRefusedError("cache server down")


def test_unreachable_cache_makes_the_instance_unhealthy(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "tests.core.test_health.UnreachableCache"}
    }
    settings.HEALTH_MIN_FREE_MB = 1

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["cache"] == "unavailable"
    assert response.json()["database"] == "ok"
