"""What the browser keeps for offline reading, and when it lets go of it.

The rule, in one place (the service worker, templates/offline/sw.js, gets it from
`worker_config` and follows it to the letter):

- Stored: the pages a logged-in person reads (GET, this site, answered 200 as HTML,
  no `Cache-Control: no-store`, not redirected), at most `PAGES_KEPT`, the oldest
  read dropped first; the front page and the offline page when the worker is
  installed, with the static files the offline page uses; the static files the
  pages read use (at most `STATIC_KEPT` more).
- Never stored: addresses with a query (searches and filters), the admin, login
  and logout, language switching, documents and uploaded files, and anything
  that is not an HTML page (CSV, iCal, feeds).
- A stored page is shown only when the network does not answer, with the
  «Du er frakoblet» notice, and no longer than a login lasts
  (`SESSION_COOKIE_AGE`): the copy belongs to that login.
- Everything is cleared when someone logs in or out (the `Clear-Site-Data`
  header, see `intranet.offline.middleware`; offline.js clears as well when the
  logout button is pressed), and the pages when the browser is sent to the
  login page (the login has ended).
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

#: Names of the browser's caches; a change leaves the old ones behind until the
#: next logout, so keep them.
PAGES_CACHE = "intranet-pages"
SHELL_CACHE = "intranet-shell"
STATIC_CACHE = "intranet-static"
#: The last pages read that stay readable offline.
PAGES_KEPT = 20
#: Static files (CSS, scripts, icons) kept for the stored pages, besides those
#: of the offline page.
STATIC_KEPT = 60
#: What the logout and login responses tell the browser to forget.
CLEAR_SITE_DATA = '"cache", "storage"'


def never_stored() -> list[str]:
    """Address prefixes whose pages are never kept."""
    return [
        "/admin/",
        resolve_url(settings.LOGIN_URL),
        reverse("logout"),
        "/i18n/",
        "/dokumenter/",
        settings.MEDIA_URL,
        reverse("offline:service_worker"),
        reverse("offline:manifest"),
    ]


def worker_config() -> dict:
    """Everything the service worker needs to know, as JSON-ready data."""
    return {
        "pagesCache": PAGES_CACHE,
        "shellCache": SHELL_CACHE,
        "staticCache": STATIC_CACHE,
        "pagesKept": PAGES_KEPT,
        "staticKept": STATIC_KEPT,
        "maxAgeSeconds": settings.SESSION_COOKIE_AGE,
        "startUrl": "/",
        "offlineUrl": reverse("offline:page"),
        "loginUrl": resolve_url(settings.LOGIN_URL),
        "neverStored": never_stored(),
        "staticUrl": settings.STATIC_URL,
    }
