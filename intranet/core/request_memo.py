"""Values read once per request: who may not see which pages, the content
version. `RequestMemoMiddleware` gives each request an empty memo; outside a
request (commands, tests) nothing is kept and every read goes to the database.

A value is forgotten at once when this process changes what it stands for
(a restriction, a membership, a publish), so a request that changes it and
then reads it sees the change.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_memo: ContextVar[dict | None] = ContextVar("request_memo", default=None)


def remembered(key: Hashable, read: Callable[[], T]) -> T:
    """``read()``, once per request for the same ``key``."""
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def forget(belongs: Callable[[Hashable], bool]) -> None:
    """Forget the values whose key ``belongs``."""
    memo = _memo.get()
    if memo:
        for key in [key for key in memo if belongs(key)]:
            del memo[key]


class RequestMemoMiddleware:
    """Gives each request its own, empty memo."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
