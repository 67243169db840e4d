"""Structured logging: one JSON object per line on stdout.

Every line carries the request id of the request it belongs to (see
`intranet.core.middleware.RequestIdMiddleware`) and the id of the logged-in user,
never a name, e-mail address or query string: the only personal datum in the logs
is the numeric user id. Views marked `@without_user_in_logs` (the culture
pulse) do not even get that: their lines carry no user at all.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any


@dataclass
class RequestContext:
    request_id: str
    request: Any = None


current_request: ContextVar[RequestContext | None] = ContextVar(
    "intranet_current_request", default=None
)

# Attributes every LogRecord has; anything else came in through `extra=`.
_STANDARD_ATTRIBUTES = frozenset(
    vars(logging.LogRecord("x", logging.INFO, "x", 0, "x", None, None))
) | {"message", "asctime", "request", "taskName"}


def without_user_in_logs(view: Callable) -> Callable:
    """Mark a view whose requests must never be logged with the user.

    The mark is read from the resolved URL, so it holds for every line logged
    once the URL is known, also when a middleware refuses the request."""
    view.log_without_user = True
    return view


def user_id_of(request: Any) -> int | None:
    """The id of the request's user, without triggering a database query.

    AuthenticationMiddleware caches the user on `_cached_user` once something has
    looked at `request.user`; before that the user is unknown to the log.
    None for a view marked `@without_user_in_logs`.
    """
    match = getattr(request, "resolver_match", None)
    if match is not None and getattr(match.func, "log_without_user", False):
        return None
    user = getattr(request, "_cached_user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return user.pk
    return None


class JsonFormatter(logging.Formatter):
    """Formats a record as a single line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        context = current_request.get()
        if context is not None:
            entry["request_id"] = context.request_id
            user_id = user_id_of(context.request)
            if user_id is not None:
                entry["user_id"] = user_id
        # Django's request loggers attach the request: method and path only
        # (query strings can hold search terms and other personal data).
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            entry.setdefault("method", request.method)
            entry.setdefault("path", getattr(request, "path", ""))
            if "user_id" not in entry and user_id_of(request) is not None:
                entry["user_id"] = user_id_of(request)
        for key, value in vars(record).items():
            if key in _STANDARD_ATTRIBUTES or key.startswith("_") or key in entry:
                continue
            entry[key] = _jsonable(value)
        if record.exc_info:
            entry["exc_type"] = (
                record.exc_info[0].__name__ if record.exc_info[0] else None
            )
            entry["exc"] = self.formatException(record.exc_info)
        elif record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    return str(value)


def json_logging_config(level: str = "INFO") -> dict:
    """A LOGGING dict: everything as JSON lines on stdout."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "intranet.core.logs.JsonFormatter"}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "json",
            }
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            # Django's own handlers would print a second, plain-text copy.
            "django": {"handlers": ["stdout"], "level": level, "propagate": False},
            "django.server": {"level": "WARNING"},
            "django_tasks": {"level": "WARNING"},
        },
    }
