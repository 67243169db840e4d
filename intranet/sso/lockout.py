"""Brute-force protection for the password login forms (django-axes).

The rule: after ``AXES_FAILURE_LIMIT`` wrong passwords for one username from
one address, that username is refused from that address, even with the right
password, until ``AXES_COOLOFF_TIME`` has passed. Locking the pair (not the
username alone, not the address alone) means an attacker can neither lock
every colleague out from one machine nor a whole office behind one address.
A successful login clears the count. Every form that calls Django's
``authenticate()`` with the request is covered: ``/logg-inn/``, Wagtail's
``/admin/login/`` and its front-end ``/_util/login/``.
"""

import ipaddress

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class LoginAttemptsBackend(AxesStandaloneBackend):
    """Axes' lockout check, skipped for authentication without a request.

    Only code (the test client's ``login()``, the shell) authenticates without
    a request; every login form passes one, so nothing reachable over the web
    escapes the check.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_ip(request: HttpRequest) -> str | None:
    """The address of the person logging in.

    Behind nginx every request comes from 127.0.0.1; the real address is the
    last one nginx appended to X-Forwarded-For. That header is believed only
    from the proxies in ``LOGIN_TRUSTED_PROXIES``: anyone else could write it.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    if remote not in settings.LOGIN_TRUSTED_PROXIES:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    last = forwarded.rsplit(",", 1)[-1].strip()
    return last if _is_ip(last) else remote


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The page a locked-out person sees instead of the login form (429)."""
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    return render(
        request,
        "sso/locked_out.html",
        {"minutes": minutes},
        status=429,
    )
