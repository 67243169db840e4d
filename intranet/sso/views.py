"""Sign-in with the municipality's identity provider, and the login/logout pages."""

import logging
from urllib.parse import urlencode

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from intranet.core.forms import LoginForm
from intranet.sso.backends import library_setting
from intranet.sso.conf import sso_config
from intranet.sso.discovery import provider_metadata
from intranet.sso.errors import SsoError

logger = logging.getLogger(__name__)

# `?lokal=1` on the login page shows the local form even when it is hidden: the
# break-glass door for an administrator when the provider is down.
LOCAL_LOGIN_PARAM = "lokal"


def local_login_visible(request) -> bool:
    config = sso_config()
    return (
        not (config.enabled and config.hide_local_login)
        or request.method == "POST"
        or bool(request.GET.get(LOCAL_LOGIN_PARAM))
    )


def sso_error(request, error: SsoError):
    logger.warning("SSO sign-in refused (%s): %s", error.reason, error.detail)
    return render(
        request,
        "sso/error.html",
        {
            "message": error.message,
            "local_login_visible": local_login_visible(request),
            "local_login_param": LOCAL_LOGIN_PARAM,
        },
        status=error.status,
    )


class LoginView(auth_views.LoginView):
    """The local login page, with the SSO button when a provider is configured."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sso_enabled"] = sso_config().enabled
        context["local_login_visible"] = local_login_visible(self.request)
        context["local_login_param"] = LOCAL_LOGIN_PARAM
        return context


class LogoutView(auth_views.LogoutView):
    """Local logout, then RP-initiated logout at the provider when it offers it."""

    def post(self, request, *args, **kwargs):
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        config = sso_config()
        if not (id_token and config.enabled):
            return response
        try:
            end_session = provider_metadata(config).end_session_endpoint
        except SsoError:
            return response
        if not end_session:
            return response
        params = {
            "id_token_hint": id_token,
            "client_id": config.client_id,
            "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
        }
        separator = "&" if "?" in end_session else "?"
        return HttpResponseRedirect(f"{end_session}{separator}{urlencode(params)}")


@method_decorator([login_not_required, never_cache], name="dispatch")
class StartView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider with state, nonce and a PKCE challenge."""

    get_settings = staticmethod(library_setting)

    def __init__(self, **kwargs):
        # The parent reads the endpoint here; ours comes from discovery in get().
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)

    def get(self, request):
        config = sso_config()
        if not config.enabled:
            raise Http404
        try:
            metadata = provider_metadata(config)
        except SsoError as exc:
            return sso_error(request, exc)
        self.OIDC_OP_AUTH_ENDPOINT = metadata.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = config.client_id
        return super().get(request)


@method_decorator([login_not_required, never_cache], name="dispatch")
class CallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back with a code (or an error)."""

    get_settings = staticmethod(library_setting)

    @property
    def success_url(self):
        next_url = self.request.session.get("oidc_login_next")
        return next_url or library_setting("LOGIN_REDIRECT_URL", "/")

    def login_failure(self):
        user = getattr(self, "user", None)
        reason = "inactive" if user is not None and not user.is_active else "token"
        return sso_error(self.request, SsoError(reason))

    def get(self, request):
        config = sso_config()
        if not config.enabled:
            raise Http404
        states = request.session.get("oidc_states") or {}
        state = request.GET.get("state", "")
        if request.GET.get("error"):
            if state in states:
                del states[state]
                request.session.save()
            return sso_error(request, SsoError("denied", request.GET["error"]))
        if not request.GET.get("code") or state not in states:
            return sso_error(request, SsoError("state", "unknown or missing state"))
        # RFC 9207: a provider that names itself must be the one we trust.
        returned_issuer = request.GET.get("iss")
        if returned_issuer is not None and returned_issuer.rstrip("/") != config.issuer:
            del states[state]
            request.session.save()
            return sso_error(request, SsoError("issuer", f"iss={returned_issuer!r}"))
        try:
            return super().get(request)
        except SsoError as exc:
            return sso_error(request, exc)
        except SuspiciousOperation as exc:
            return sso_error(request, SsoError("state", str(exc)))
