import logging
import re
import time
from uuid import uuid4

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin
from django.views.defaults import bad_request

from intranet.core.logs import RequestContext, current_request

request_logger = logging.getLogger("intranet.requests")
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")


class ChosenLanguageMiddleware(MiddlewareMixin):
    """Norwegian unless the person has chosen another language.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show
    English to everyone with an English browser. Here only an explicit choice (the
    language cookie set by Django's `set_language` view) changes the language.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request: HttpRequest, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class RequestIdMiddleware:
    """Gives every request an id, logs one line per request and echoes the id.

    A valid `X-Request-ID` from the proxy in front is kept so that its logs and
    ours can be joined; otherwise a new id is made. The id is in the response's
    `X-Request-ID` header and in every log line written while the request runs.
    """

    header = "X-Request-ID"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        incoming = request.headers.get(self.header, "")
        request_id = incoming if _VALID_REQUEST_ID.fullmatch(incoming) else uuid4().hex
        request.request_id = request_id
        token = current_request.set(RequestContext(request_id, request))
        started = time.perf_counter()
        try:
            # Exceptions become 500 responses inside get_response and are logged
            # there (django.request), with this request id.
            response = self.get_response(request)
            response[self.header] = request_id
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
        finally:
            current_request.reset(token)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with a second, looser policy for the Wagtail admin.

    The public pages get the strict `CONTENT_SECURITY_POLICY` (no inline script or
    style). Wagtail's admin renders inline scripts and style attributes that it does
    not mark with a nonce, so paths under `CSP_ADMIN_PREFIX` get
    `CSP_ADMIN_POLICY` instead.
    """

    def get_policy_parts(self, request, response, report_only: bool = False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        prefix = getattr(settings, "CSP_ADMIN_PREFIX", "/admin/")
        admin_policy = getattr(settings, "CSP_ADMIN_POLICY", None)
        if (
            not report_only
            and admin_policy
            and parts.config is None
            and request.path_info.startswith(prefix)
        ):
            parts.config = admin_policy["DIRECTIVES"]
        return parts


class BadInputMiddleware:
    """Input no database can take is a bad request (400), not a server error.

    * A NUL character in posted data: PostgreSQL refuses it in any text it
      stores, and no person types one. (Query parameters with one are ignored
      with a message by the views that read them.)
    * A number too large for the database: SQLite cannot even compare a column
      with an integer beyond 64 bits, so a crafted id in a form or query
      parameter (say ``?case=99999999999999999999``) fails inside Django's own
      choice fields. Nothing can match such a number.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.method == "POST" and _has_nul(request):
            request_logger.info("Refused posted data with a NUL character")
            return bad_request(request, None)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, OverflowError):
            request_logger.info("Refused an out-of-range number: %s", exception)
            return bad_request(request, exception)
        return None


def _has_nul(request: HttpRequest) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.POST.lists()
    )
