"""`manage.py check` reports SSO settings that would fail at the first sign-in."""

from django.core import checks

from intranet.sso.conf import ROLE_GROUPS, ConfigError, sso_config


@checks.register()
def check_sso_settings(app_configs, **kwargs):
    try:
        config = sso_config()
    except ConfigError as exc:
        return [checks.Error(str(exc), id="sso.E001")]
    errors = []
    if not config.enabled:
        return errors
    if not config.issuer.startswith(
        ("https://", "http://127.0.0.1", "http://localhost")
    ):
        errors.append(
            checks.Error(
                "OIDC_ISSUER must be an https:// URL.",
                hint="Only a provider on this machine may use plain http.",
                id="sso.E002",
            )
        )
    bad = sorted(
        (set(config.group_map.values()) | set(config.default_groups)) - ROLE_GROUPS
    )
    if bad:
        errors.append(
            checks.Error(
                "OIDC_GROUP_MAP or OIDC_DEFAULT_GROUPS name groups that sign-in "
                f"may not grant: {', '.join(bad)}.",
                hint=f"Use only {', '.join(sorted(ROLE_GROUPS))}.",
                id="sso.E003",
            )
        )
    if "openid" not in config.scopes.split():
        errors.append(checks.Error("OIDC_SCOPES must include openid.", id="sso.E004"))
    return errors
