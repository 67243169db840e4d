"""The provider's endpoints, read from its OpenID Connect discovery document.

Fetched on first use and kept in the cache, so a provider that is down at start-up
does not stop the intranet from starting; local login keeps working.
"""

import hashlib
import logging
from dataclasses import asdict, dataclass

import requests
from django.core.cache import cache

from intranet.sso.conf import SsoConfig
from intranet.sso.errors import ProviderUnavailable

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str = ""
    end_session_endpoint: str = ""


REQUIRED = ("authorization_endpoint", "token_endpoint", "jwks_uri")


def _cache_key(config: SsoConfig) -> str:
    digest = hashlib.sha256(config.discovery_url.encode()).hexdigest()[:32]
    return f"sso:discovery:{digest}"


def provider_metadata(config: SsoConfig) -> ProviderMetadata:
    """Return the provider's endpoints, or raise ProviderUnavailable."""
    key = _cache_key(config)
    cached = cache.get(key)
    if cached:
        return ProviderMetadata(**cached)
    try:
        response = requests.get(config.discovery_url, timeout=config.timeout)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        logger.warning("SSO discovery at %s failed: %s", config.discovery_url, exc)
        raise ProviderUnavailable(str(exc)) from exc
    if not isinstance(document, dict):
        raise ProviderUnavailable("discovery document is not a JSON object")
    issuer = str(document.get("issuer", "")).rstrip("/")
    if issuer != config.issuer:
        logger.error(
            "SSO discovery at %s names issuer %r, but OIDC_ISSUER is %r",
            config.discovery_url,
            issuer,
            config.issuer,
        )
        raise ProviderUnavailable("issuer in discovery does not match OIDC_ISSUER")
    missing = [name for name in REQUIRED if not document.get(name)]
    if missing:
        logger.error("SSO discovery lacks %s", ", ".join(missing))
        raise ProviderUnavailable(f"discovery lacks {', '.join(missing)}")
    metadata = ProviderMetadata(
        issuer=issuer,
        authorization_endpoint=document["authorization_endpoint"],
        token_endpoint=document["token_endpoint"],
        jwks_uri=document["jwks_uri"],
        userinfo_endpoint=document.get("userinfo_endpoint") or "",
        end_session_endpoint=document.get("end_session_endpoint") or "",
    )
    cache.set(key, asdict(metadata), config.discovery_cache_seconds)
    return metadata
