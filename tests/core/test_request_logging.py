"""Request ids and JSON log lines: what operations staff see in the logs."""

import json
import logging

import pytest
from django.urls import path

from intranet.core.logs import JsonFormatter

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_middleware(settings):
    settings.MIDDLEWARE = [
        "intranet.core.middleware.RequestIdMiddleware",
        *settings.MIDDLEWARE,
    ]


@pytest.fixture
def json_lines():
    """Log records of the request and health loggers, formatted as in production."""
    formatter = JsonFormatter()
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(formatter.format(record))

    handler = Collect()
    loggers = [
        logging.getLogger(name) for name in ("intranet.requests", "django.request")
    ]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    yield lines
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_every_response_has_a_request_id(client, production_middleware):
    first = client.get("/logg-inn/")
    second = client.get("/logg-inn/")

    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_request_id_from_the_proxy_is_kept_and_junk_is_replaced(
    client, production_middleware
):
    kept = client.get("/logg-inn/", headers={"X-Request-ID": "nginx-4f2a9c1e77"})
    replaced = client.get("/logg-inn/", headers={"X-Request-ID": "<script>"})

    assert kept["X-Request-ID"] == "nginx-4f2a9c1e77"
    assert replaced["X-Request-ID"] != "<script>"


def test_request_line_has_user_id_but_no_name_or_query(
    staff_client, staff_user, production_middleware, json_lines
):
    response = staff_client.get("/sok/?q=Kari+Nordmann+sykemelding")

    entry = json.loads(json_lines[-1])
    assert entry["request_id"] == response["X-Request-ID"]
    assert entry["user_id"] == staff_user.pk
    assert entry["path"] == "/sok/"
    assert entry["status"] == 200
    assert entry["duration_ms"] >= 0
    line = json_lines[-1]
    assert "sykemelding" not in line
    assert staff_user.username not in line
    assert staff_user.email not in line


def broken_view(request):
    raise RuntimeError("search index is corrupt")


urlpatterns = [path("feil/", broken_view)]


def test_server_error_is_logged_with_traceback_and_request_context(
    staff_client, staff_user, settings, production_middleware, json_lines
):
    settings.ROOT_URLCONF = __name__
    staff_client.raise_request_exception = False

    response = staff_client.get("/feil/?person=Kari")

    assert response.status_code == 500
    error = next(json.loads(line) for line in json_lines if '"ERROR"' in line)
    assert error["logger"] == "django.request"
    assert error["path"] == "/feil/"
    assert error["user_id"] == staff_user.pk
    assert error["request_id"] == response["X-Request-ID"]
    assert error["exc_type"] == "RuntimeError"
    assert "search index is corrupt" in error["exc"]
    assert "person=Kari" not in json.dumps(error)
