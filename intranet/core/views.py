from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
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
