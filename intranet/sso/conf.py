"""Single sign-on configuration, read from Django settings (set from the environment).

See the README section "Single sign-on (Entra ID / OpenID Connect)" for the variables.
"""

import json
from dataclasses import dataclass

from django.conf import settings

from intranet.core import roles

# The only groups a provider's claims can give or take away. Claims never make
# anyone staff or superuser.
ROLE_GROUPS = frozenset({roles.STAFF, roles.EDITORS, roles.COMMUNICATION})


class ConfigError(ValueError):
    """A mapping setting that cannot be read."""


def parse_mapping(value: str | dict | None, *, setting: str) -> dict[str, str]:
    """Read `a=b;c=d` or a JSON object into a dict of strings."""
    if not value:
        return {}
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items()}
    text = value.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{setting} is not valid JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise ConfigError(f"{setting} must be a JSON object")
        return {str(k): str(v) for k, v in data.items()}
    mapping = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        key, sep, target = part.partition("=")
        if not sep or not key.strip() or not target.strip():
            raise ConfigError(
                f"{setting}: {part.strip()!r} is not of the form claim-value=target"
            )
        mapping[key.strip()] = target.strip()
    return mapping


def _as_list(value) -> list[str]:
    if isinstance(value, str):
        return [item.strip() for item in value.replace(",", " ").split() if item]
    return [str(item) for item in value or []]


@dataclass(frozen=True)
class SsoConfig:
    issuer: str
    discovery_url: str
    client_id: str
    client_secret: str
    scopes: str
    sign_algorithms: tuple[str, ...]
    subject_claim: str
    email_claim: str
    department_claim: str
    groups_claim: str
    title_claim: str
    phone_claim: str
    leader_claim: str
    department_map: dict
    group_map: dict
    default_groups: tuple[str, ...]
    hide_local_login: bool
    timeout: float
    discovery_cache_seconds: int

    @property
    def enabled(self) -> bool:
        return bool(self.issuer and self.client_id)

    @property
    def managed_groups(self) -> frozenset[str]:
        """Groups that sign-in keeps in step with the claims."""
        targets = set(self.group_map.values()) | set(self.default_groups)
        return frozenset(targets & ROLE_GROUPS)


def sso_config() -> SsoConfig:
    issuer = getattr(settings, "SSO_ISSUER", "").rstrip("/")
    discovery = getattr(settings, "SSO_DISCOVERY_URL", "") or (
        f"{issuer}/.well-known/openid-configuration" if issuer else ""
    )
    return SsoConfig(
        issuer=issuer,
        discovery_url=discovery,
        client_id=getattr(settings, "SSO_CLIENT_ID", ""),
        client_secret=getattr(settings, "SSO_CLIENT_SECRET", ""),
        scopes=" ".join(_as_list(getattr(settings, "SSO_SCOPES", "openid"))),
        sign_algorithms=tuple(
            _as_list(getattr(settings, "SSO_SIGN_ALGORITHMS", ["RS256"]))
        ),
        subject_claim=getattr(settings, "SSO_SUBJECT_CLAIM", "sub") or "sub",
        email_claim=getattr(settings, "SSO_EMAIL_CLAIM", "email"),
        department_claim=getattr(settings, "SSO_DEPARTMENT_CLAIM", "department"),
        groups_claim=getattr(settings, "SSO_GROUPS_CLAIM", "groups"),
        title_claim=getattr(settings, "SSO_TITLE_CLAIM", ""),
        phone_claim=getattr(settings, "SSO_PHONE_CLAIM", ""),
        leader_claim=getattr(settings, "SSO_LEADER_CLAIM", ""),
        department_map=parse_mapping(
            getattr(settings, "SSO_DEPARTMENT_MAP", ""), setting="OIDC_DEPARTMENT_MAP"
        ),
        group_map=parse_mapping(
            getattr(settings, "SSO_GROUP_MAP", ""), setting="OIDC_GROUP_MAP"
        ),
        default_groups=tuple(_as_list(getattr(settings, "SSO_DEFAULT_GROUPS", []))),
        hide_local_login=bool(getattr(settings, "SSO_HIDE_LOCAL_LOGIN", False)),
        timeout=float(getattr(settings, "SSO_TIMEOUT", 10)),
        discovery_cache_seconds=int(
            getattr(settings, "SSO_DISCOVERY_CACHE_SECONDS", 3600)
        ),
    )
