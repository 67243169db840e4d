"""Text typed by someone whose session ran out is kept through the new login.

A composer form is accepted without a login: if the person is logged out, the
fields they typed (a bounded copy, chosen by the form) are kept in the session
under the form's address, and they are sent to log in. Back at the same
address, `typed_text` hands the text to the form once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, QueryDict

_SESSION_KEY = "composer-typed"


def signed_in(*, keep: Callable[[QueryDict], dict]):
    """The login requirement, keeping `keep(request.POST)` of a logged-out POST."""

    def decorator(view):
        @login_not_required
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            if request.method != "POST":
                return redirect_to_login(request.get_full_path())
            # Only the latest form is kept, so what a logged-out visitor can
            # leave in a session stays bounded by one form's fields.
            request.session[_SESSION_KEY] = {request.path: keep(request.POST)}
            return redirect_to_login(request.path)

        return wrapper

    return decorator


def typed_text(request: HttpRequest) -> dict | None:
    """What the person typed here before logging in again, once."""
    kept = request.session.get(_SESSION_KEY)
    if not kept or request.path not in kept:
        return None
    typed = kept.pop(request.path)
    request.session[_SESSION_KEY] = kept
    return typed
