"""The authentication backend for OpenID Connect sign-in.

Built on mozilla-django-oidc's backend (code exchange, JWKS lookup, nonce check),
with the endpoints taken from the provider's discovery document, a stricter ID
token check (issuer, audience, expiry, allowed algorithms) and provisioning by
issuer + subject instead of by e-mail.
"""

import logging

import jwt
import requests
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.utils.functional import cached_property
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from intranet.sso import services
from intranet.sso.conf import sso_config
from intranet.sso.discovery import provider_metadata
from intranet.sso.errors import SsoError

logger = logging.getLogger(__name__)

# Clock difference tolerated between the provider and us, in seconds.
LEEWAY = 60


def library_setting(attr: str, *args):
    """The settings mozilla-django-oidc asks for, derived from our SSO_* settings."""
    config = sso_config()
    fixed = {
        "OIDC_RP_CLIENT_ID": config.client_id,
        "OIDC_RP_CLIENT_SECRET": config.client_secret,
        "OIDC_RP_SCOPES": config.scopes,
        "OIDC_USE_PKCE": True,
        "OIDC_USE_NONCE": True,
        "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
        "OIDC_STORE_ID_TOKEN": True,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "sso:callback",
        "OIDC_TIMEOUT": config.timeout,
        "OIDC_VERIFY_SSL": True,
        "OIDC_TOKEN_USE_BASIC_AUTH": False,
        "OIDC_ALLOW_UNSECURED_JWT": False,
    }
    if attr in fixed:
        return fixed[attr]
    return import_from_settings(attr, *args)


def check_authorized_party(payload: dict, *, client_id: str) -> None:
    """The ID token was issued to us (OpenID Connect Core 3.1.3.7, points 4–5).

    A token naming several audiences must name us as the authorized party
    (``azp``); a token with an ``azp`` must name us there, whatever its audience.
    Otherwise a token issued to another application that lists us among its
    audiences would sign someone in here.
    """
    audience = payload.get("aud")
    audiences = [audience] if isinstance(audience, str) else list(audience or [])
    party = payload.get("azp")
    if party is None:
        if len(audiences) > 1:
            raise SsoError("audience", f"several audiences {audiences!r} and no azp")
        return
    if party != client_id:
        raise SsoError("audience", f"azp={party!r}")


class OidcBackend(OIDCAuthenticationBackend):
    """Signs a person in from the provider's answer; ignores every other login."""

    get_settings = staticmethod(library_setting)

    def __init__(self, *args, **kwargs):
        # The parent reads endpoints at construction; ours come lazily from discovery
        # so this backend costs nothing when SSO is off or for local logins.
        # Django builds every backend anew each time it asks them (every
        # permission check: seventy times on the admin's dashboard), so the
        # settings too are read only when a sign-in needs them.
        self.UserModel = get_user_model()
        self._metadata = None

    @cached_property
    def config(self):
        return sso_config()

    @property
    def OIDC_RP_CLIENT_ID(self):  # noqa: N802 - the parent's attribute name
        return self.config.client_id

    @property
    def OIDC_RP_CLIENT_SECRET(self):  # noqa: N802
        return self.config.client_secret

    @property
    def metadata(self):
        if self._metadata is None:
            self._metadata = provider_metadata(self.config)
        return self._metadata

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self):  # noqa: N802 - the parent's attribute name
        return self.metadata.token_endpoint

    @property
    def OIDC_OP_USER_ENDPOINT(self):  # noqa: N802
        return self.metadata.userinfo_endpoint

    @property
    def OIDC_OP_JWKS_ENDPOINT(self):  # noqa: N802
        return self.metadata.jwks_uri

    def authenticate(self, request, *, nonce, code_verifier):
        """Only the callback view passes `nonce` and `code_verifier`, so username and
        password logins never reach this backend."""
        if not self.config.enabled or request is None:
            return None
        return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)

    def get_token(self, payload):
        try:
            return super().get_token(payload)
        except requests.HTTPError as exc:
            logger.warning("SSO token request refused: %s", exc)
            raise SsoError("token", str(exc)) from exc
        except (requests.RequestException, ValueError) as exc:
            logger.warning("SSO token request failed: %s", exc)
            raise SsoError("unavailable", str(exc)) from exc

    def retrieve_matching_jwk(self, token):
        try:
            return super().retrieve_matching_jwk(token)
        except SuspiciousOperation as exc:
            raise SsoError(
                "signature", "no matching key in the provider's JWKS"
            ) from exc
        except (requests.RequestException, ValueError, KeyError) as exc:
            raise SsoError("unavailable", f"JWKS: {exc}") from exc

    def verify_token(self, token, **kwargs):
        """Check the ID token: algorithm, issuer, signature, audience, expiry, nonce."""
        if not isinstance(token, str) or not token:
            raise SsoError("token", "no ID token in the token response")
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError as exc:
            raise SsoError("signature", f"malformed ID token: {exc}") from exc
        if header.get("alg") not in self.config.sign_algorithms:
            raise SsoError("signature", f"algorithm {header.get('alg')!r} not allowed")
        # An ID token from another issuer is refused before any key is looked up.
        if str(unverified.get("iss", "")).rstrip("/") != self.metadata.issuer:
            raise SsoError("issuer", f"iss={unverified.get('iss')!r}")
        key = self.retrieve_matching_jwk(token)
        try:
            payload = jwt.decode(
                token,
                key,
                algorithms=list(self.config.sign_algorithms),
                audience=self.config.client_id,
                issuer=unverified["iss"],
                leeway=LEEWAY,
                options={"require": ["iss", "sub", "aud", "exp", "iat"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise SsoError("expired", str(exc)) from exc
        except jwt.InvalidAudienceError as exc:
            raise SsoError("audience", str(exc)) from exc
        except jwt.MissingRequiredClaimError as exc:
            raise SsoError("claims", str(exc)) from exc
        except jwt.PyJWTError as exc:
            raise SsoError("signature", str(exc)) from exc
        check_authorized_party(payload, client_id=self.config.client_id)
        if kwargs.get("nonce") is None or payload.get("nonce") != kwargs["nonce"]:
            raise SsoError("nonce", "nonce in ID token does not match the session")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, completed by the userinfo endpoint when there is one.

        Entra ID puts groups and optional claims in the ID token only; other providers
        put profile claims in userinfo only.
        """
        claims = dict(payload)
        if self.metadata.userinfo_endpoint and access_token:
            try:
                info = super().get_userinfo(access_token, id_token, payload)
            except (requests.RequestException, ValueError, SsoError) as exc:
                logger.warning("SSO userinfo failed, using the ID token: %s", exc)
                info = {}
            if isinstance(info, dict) and info.get("sub") == payload.get("sub"):
                for name, value in info.items():
                    claims.setdefault(name, value)
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        return services.oidc_user_provision(
            config=self.config, issuer=self.metadata.issuer, claims=claims
        )
