"""The web app manifest, the service worker and the offline page.

The manifest and the worker hold nothing internal (a name, colours, icons and the
rule in `intranet.offline.policy`), so they answer without login: browsers fetch
the manifest without cookies, and a worker whose update check were sent to the
login page would stop updating.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from intranet.offline import policy

#: --brand and --paper in static/css/intranet.css.
THEME_COLOUR = "#00446b"
BACKGROUND_COLOUR = "#ffffff"

ICONS = [
    ("icons/intranet-192.png", "192x192", "any"),
    ("icons/intranet-512.png", "512x512", "any"),
    ("icons/intranet-maskable-512.png", "512x512", "maskable"),
]


@login_not_required
@require_safe
def manifest(request: HttpRequest) -> JsonResponse:
    """/manifest.webmanifest: what a phone or a desktop needs to install the
    intranet as an app, named after the municipality's site (WAGTAIL_SITE_NAME)."""
    with translation.override(settings.LANGUAGE_CODE):
        description = _(
            "The municipality's intranet – everyone informs about their own work."
        )
    data = {
        "id": "/",
        "name": settings.WAGTAIL_SITE_NAME,
        "short_name": settings.WAGTAIL_SITE_NAME,
        "description": description,
        "lang": settings.LANGUAGE_CODE,
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static(name), "sizes": sizes, "type": "image/png", "purpose": use}
            for name, sizes, use in ICONS
        ],
    }
    response = JsonResponse(
        data,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-cache"
    return response


@login_not_required
@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    """/sw.js: the service worker, with the rule it follows written into it."""
    source = render_to_string(
        "offline/sw.js", {"config": json.dumps(policy.worker_config(), indent=2)}
    )
    response = HttpResponse(source, content_type="text/javascript; charset=utf-8")
    # The browser checks for a new worker on every visit, past any HTTP cache.
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def offline_page(request: HttpRequest) -> HttpResponse:
    """/frakoblet/: what the worker shows for a page that was never read here
    when the network is gone, with the pages that can be read (offline.js).

    Stored in the browser when the worker is installed and shown to whoever sits
    there later, so it is rendered without the person: no name, no menu of
    theirs, no messages taken from their next page.
    """
    return render(
        request,
        "offline/offline.html",
        {
            "user": AnonymousUser(),
            "messages": (),
            "pages_cache": policy.PAGES_CACHE,
        },
    )
