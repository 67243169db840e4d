"""The parts /healthz looks at. Each check answers quickly and never raises.

Apps add their own checks with the ``register_health_check`` hook: a function
taking no arguments and returning ``(name, Check)``; core knows none of them.
"""

from __future__ import annotations

import logging
import shutil
import smtplib
import ssl
import time
from dataclasses import dataclass, field
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from wagtail import hooks

logger = logging.getLogger("intranet.health")

SMTP_TIMEOUT_SECONDS = 2.0
# The SMTP server is asked at most once a minute per process, so that frequent
# polling by a load balancer does not turn into a stream of SMTP connections.
SMTP_CACHE_SECONDS = 60.0
_smtp_results: dict[tuple, tuple[float, Check]] = {}


@dataclass
class Check:
    status: str  # "ok" or what is wrong
    critical: bool = False  # a failure makes the whole instance unhealthy (503)
    details: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status in {"ok", "not_smtp"}


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means the same here
        logger.exception("Health check: the database is unavailable")
        return Check("unavailable", critical=True)
    return Check("ok", critical=True)


def check_cache() -> Check:
    key = f"healthz:{uuid4().hex}"
    try:
        cache.set(key, "1", timeout=10)
        found = cache.get(key)
        cache.delete(key)
    except Exception:  # noqa: BLE001 - a broken cache backend raises anything
        logger.exception("Health check: the cache is unavailable")
        return Check("unavailable", critical=True)
    if found != "1":
        logger.error("Health check: the cache does not keep what is stored in it")
        return Check("unavailable", critical=True)
    return Check("ok", critical=True)


def check_disk() -> Check:
    """Free space where uploads go (MEDIA_ROOT, or its nearest existing parent)."""
    path = Path(settings.MEDIA_ROOT)
    while not path.exists() and path != path.parent:
        path = path.parent
    minimum_mb = getattr(settings, "HEALTH_MIN_FREE_MB", 1024)
    try:
        usage = shutil.disk_usage(path)
    except OSError:
        logger.exception("Health check: cannot read the free space of the media disk")
        return Check("unavailable")
    free_mb = usage.free // (1024 * 1024)
    details = {"free_mb": free_mb, "minimum_mb": minimum_mb}
    if free_mb < minimum_mb:
        logger.warning(
            "Health check: little free space on the media disk",
            extra={"free_mb": free_mb, "minimum_mb": minimum_mb},
        )
        return Check("low", details=details)
    return Check("ok", details=details)


def check_mail() -> Check:
    """Whether the SMTP server answers. Other backends have nothing to reach."""
    if settings.EMAIL_BACKEND != "django.core.mail.backends.smtp.EmailBackend":
        return Check("not_smtp", details={"backend": settings.EMAIL_BACKEND})
    host, port = settings.EMAIL_HOST, int(settings.EMAIL_PORT)
    use_ssl = bool(getattr(settings, "EMAIL_USE_SSL", False))
    key = (host, port, use_ssl)
    now = time.monotonic()
    cached = _smtp_results.get(key)
    if cached and now - cached[0] < SMTP_CACHE_SECONDS:
        return cached[1]
    try:
        smtp_class = smtplib.SMTP_SSL if use_ssl else smtplib.SMTP
        with smtp_class(host, port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
            code, _message = smtp.noop()
        result = (
            Check("ok")
            if code == 250
            else Check("unreachable", details={"smtp_code": code})
        )
    except (TimeoutError, OSError, smtplib.SMTPException, ssl.SSLError) as exc:
        logger.warning(
            "Health check: the SMTP server does not answer",
            extra={"smtp_host": host, "smtp_port": port, "error": repr(exc)},
        )
        result = Check("unreachable")
    _smtp_results[key] = (now, result)
    return result


def registered_checks() -> dict[str, Check]:
    """The checks apps register; one that raises reports "unavailable"."""
    checks = {}
    for function in hooks.get_hooks("register_health_check"):
        try:
            name, check = function()
        except Exception:  # noqa: BLE001 - a broken check must not break /healthz
            name = function.__name__
            logger.exception("Health check %s failed", name)
            check = Check("unavailable")
        checks[name] = check
    return checks


def health_report() -> tuple[int, dict]:
    """HTTP status and body for /healthz.

    503 only when this instance cannot serve pages (database or cache down), so a
    load balancer takes it out; a low disk, an unreachable SMTP server or a
    registered check that is not ok (e.g. an e-mail outbox whose oldest e-mail
    has waited too long) is "degraded": pages still work and the instance stays
    in.
    """
    checks = {
        "database": check_database(),
        "cache": check_cache(),
        "disk": check_disk(),
        "mail": check_mail(),
        **registered_checks(),
    }
    if any(check.critical and not check.ok for check in checks.values()):
        status, code = "error", 503
    elif all(check.ok for check in checks.values()):
        status, code = "ok", 200
    else:
        status, code = "degraded", 200
    body: dict = {"status": status}
    for name, check in checks.items():
        body[name] = check.status
        for key, value in check.details.items():
            body[f"{name}_{key}"] = value
    return code, body
