"""Uploaded files sent by nginx once Django has said yes (X-Accel-Redirect).

With MEDIA_ACCEL_REDIRECT set (e.g. "/protected-media/"), both the media view
(images) and Wagtail's document view (through SENDFILE_BACKEND, after it has
checked the collection's view restrictions) answer with an empty response that
tells nginx which file under MEDIA_ROOT to send from its internal location.
"""

import os
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from wagtail.utils import sendfile_streaming_backend as streaming


def accel_redirect(relative_path: str) -> HttpResponse:
    """An empty response asking nginx to send this file from MEDIA_ROOT."""
    accel = settings.MEDIA_ACCEL_REDIRECT.rstrip("/")
    response = HttpResponse()
    response["X-Accel-Redirect"] = f"{accel}/{quote(relative_path)}"
    del response["Content-Type"]  # nginx sets it from the file name
    return response


def sendfile(request: HttpRequest, filename: str, **kwargs) -> HttpResponse:
    """SENDFILE_BACKEND for Wagtail's document serve view: nginx sends the file
    when MEDIA_ACCEL_REDIRECT is set, otherwise Wagtail's streaming backend."""
    if not getattr(settings, "MEDIA_ACCEL_REDIRECT", ""):
        return streaming.sendfile(request, filename, **kwargs)
    # Wagtail passes the storage path: MEDIA_ROOT joined with the file name.
    relative = Path(os.path.abspath(filename)).relative_to(
        os.path.abspath(settings.MEDIA_ROOT)
    )
    return accel_redirect(relative.as_posix())
