"""Plain refusals for views that Wagtail's admin would otherwise redirect."""

import functools
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views import defaults


def forbidden(request: HttpRequest) -> HttpResponse:
    """A plain 403. Raising PermissionDenied inside the Wagtail admin would be
    turned into a redirect to the dashboard, which hides the refusal."""
    return defaults.permission_denied(request, PermissionDenied())


def allowed_or_403(allowed: Callable[..., bool]):
    """Decorate a view so anyone for whom `allowed(user)` is false gets a 403."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not allowed(request.user):
                return forbidden(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
