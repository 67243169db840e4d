"""Where a form sends a person back to after a POST."""

from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_to_next(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """Redirect to the POSTed ``next`` path on this site, else to ``default``.

    Only a path on this site is followed (``/...``): anything else, a foreign
    host or a bare word, falls back to ``default`` instead of being looked up as
    a URL name.
    """
    target = request.POST.get("next", "")
    if (
        target.startswith("/")
        and len(target) <= 2000
        and url_has_allowed_host_and_scheme(
            target,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        )
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)
