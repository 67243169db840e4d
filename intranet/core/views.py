from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils._os import safe_join
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from intranet.core.health import health_report


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Health of this instance for load balancers and monitoring.

    Database, cache, free space on the media disk and whether the SMTP server
    answers; see `intranet.core.health.health_report` for what gives a 503.
    """
    status, body = health_report()
    return JsonResponse(body, status=status)


@require_GET
def media(request: HttpRequest, path: str) -> HttpResponse:
    """An uploaded file, for logged-in people only (production; DEBUG uses
    Django's static view).

    With MEDIA_ACCEL_REDIRECT (e.g. "/protected-media/") nginx sends the file
    from an internal location; otherwise it is streamed from MEDIA_ROOT here.
    """
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, path))
    except SuspiciousFileOperation as exc:
        raise Http404 from exc
    if not full_path.is_file():
        raise Http404
    accel = getattr(settings, "MEDIA_ACCEL_REDIRECT", "")
    if accel:
        response = HttpResponse()
        response["X-Accel-Redirect"] = f"{accel.rstrip('/')}/{quote(path)}"
        del response["Content-Type"]  # nginx sets it from the file name
    else:
        response = FileResponse(full_path.open("rb"))
    response["Cache-Control"] = "private, max-age=86400"
    return response
