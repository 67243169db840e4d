import os
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils._os import safe_join
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.documents import get_document_model

from intranet.core.health import health_report
from intranet.core.selectors import image_file_hidden_from
from intranet.core.sendfile import accel_redirect


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
    """An uploaded image, for logged-in people only; a profile photo its owner
    hides only for the owner (404 for everyone else, as if it were not there).

    Documents are never sent from here: only Wagtail's document view
    (/dokumenter/<id>/<name>) checks the collection's view restrictions, so a
    document's upload path redirects there. With MEDIA_ACCEL_REDIRECT (e.g.
    "/protected-media/") nginx sends the file; otherwise it is streamed here.
    """
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, path))
    except SuspiciousFileOperation as exc:
        raise Http404 from exc
    relative = full_path.relative_to(os.path.abspath(settings.MEDIA_ROOT))
    documents_folder = get_document_model()._meta.get_field("file").upload_to
    if relative.parts[:1] == (documents_folder,):
        document = get_document_model().objects.filter(file=relative.as_posix()).first()
        if document is None:
            raise Http404
        return redirect(document.url)
    if not full_path.is_file():
        raise Http404
    if image_file_hidden_from(user=request.user, name=relative.as_posix()):
        raise Http404
    if getattr(settings, "MEDIA_ACCEL_REDIRECT", ""):
        response = accel_redirect(path)
    else:
        response = FileResponse(full_path.open("rb"))
    response["Cache-Control"] = "private, max-age=86400"
    return response
