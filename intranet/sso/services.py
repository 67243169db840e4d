"""Writes for single sign-on: create or update a person from the provider's claims."""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, Group
from django.db import transaction
from django.db.models import Q

from intranet.core.models import StaffProfile, Unit
from intranet.core.services import staff_profile_ensure
from intranet.sso.conf import SsoConfig
from intranet.sso.errors import SsoError
from intranet.sso.models import OidcIdentity

logger = logging.getLogger(__name__)

NAME_MAX = 150


def _claim_str(claims: dict, name: str) -> str:
    value = claims.get(name) if name else None
    if isinstance(value, list):
        value = value[0] if value else None
    return value.strip() if isinstance(value, str) else ""


def _claim_list(claims: dict, name: str) -> list[str]:
    value = claims.get(name)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value]
    return []


def _names(claims: dict) -> tuple[str, str]:
    given, family = _claim_str(claims, "given_name"), _claim_str(claims, "family_name")
    if not (given or family):
        full = _claim_str(claims, "name")
        given, _sep, family = full.rpartition(" ")
        if not given:
            given, family = family, ""
    return given[:NAME_MAX], family[:NAME_MAX]


def _unique_username(claims: dict, *, email: str, subject: str) -> str:
    User = get_user_model()
    base = (_claim_str(claims, "preferred_username") or email or f"sso-{subject}")[:140]
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _unit_for(department: str, config: SsoConfig) -> Unit | None:
    target = config.department_map.get(department)
    unit = None
    if target:
        unit = Unit.objects.filter(slug=target).first()
    else:
        unit = Unit.objects.filter(Q(name__iexact=department)).first()
    if unit is None:
        logger.warning(
            "SSO: no unit for department %r (mapped to %r); left empty",
            department,
            target,
        )
    return unit


def _sync_unit(user: AbstractUser, claims: dict, config: SsoConfig) -> None:
    if not config.department_claim:
        return
    try:
        profile = user.profile
    except StaffProfile.DoesNotExist:
        profile = staff_profile_ensure(user=user)
    department = _claim_str(claims, config.department_claim)
    unit = _unit_for(department, config) if department else None
    if profile.unit_id != (unit.pk if unit else None):
        profile.unit = unit
        profile.save(update_fields=["unit"])


def _sync_title_and_phone(user: AbstractUser, claims: dict, config: SsoConfig) -> None:
    """The job title and work phone, when the provider is set to send them and
    does; a claim that is missing or empty leaves what is there."""
    changed = {}
    for field, claim in (
        ("job_title", config.title_claim),
        ("phone", config.phone_claim),
    ):
        value = _claim_str(claims, claim)
        if claim and value:
            changed[field] = value[: StaffProfile._meta.get_field(field).max_length]
    if not changed:
        return
    try:
        profile = user.profile
    except StaffProfile.DoesNotExist:
        profile = staff_profile_ensure(user=user)
    if any(getattr(profile, field) != value for field, value in changed.items()):
        for field, value in changed.items():
            setattr(profile, field, value)
        profile.save(update_fields=list(changed))


TRUE_VALUES = frozenset({"true", "1", "yes", "ja"})


def _led_units(user: AbstractUser, claims: dict, config: SsoConfig) -> set[int]:
    """The units the claims say the person leads: the departments the claim
    names (mapped like the department claim), or, when it is true, the
    person's own unit."""
    value = claims.get(config.leader_claim)
    if value is True or (isinstance(value, str) and value.lower() in TRUE_VALUES):
        unit_id = (
            StaffProfile.objects.filter(user=user).values_list("unit_id", flat=True)
        ).first()
        return {unit_id} if unit_id else set()
    if value is None or isinstance(value, bool):
        return set()
    led = set()
    for department in _claim_list(claims, config.leader_claim):
        department = department.strip()
        unit = _unit_for(department, config) if department else None
        if unit is not None:
            led.add(unit.pk)
    return led


def _sync_leadership(user: AbstractUser, claims: dict, config: SsoConfig) -> None:
    """When the provider is set to say who leads what, the units a person leads
    follow the claims at every sign-in (a missing claim: they lead none)."""
    if not config.leader_claim:
        return
    wanted = _led_units(user, claims, config)
    current = set(user.led_units.values_list("pk", flat=True))
    if wanted - current:
        user.led_units.add(*(wanted - current))
    if current - wanted:
        user.led_units.remove(*(current - wanted))


def _sync_groups(user: AbstractUser, claims: dict, config: SsoConfig) -> None:
    managed = config.managed_groups
    if not managed:
        return
    wanted = set(config.default_groups)
    if config.groups_claim:
        for value in _claim_list(claims, config.groups_claim):
            if value in config.group_map:
                wanted.add(config.group_map[value])
    wanted &= managed
    groups = {group.name: group for group in Group.objects.filter(name__in=managed)}
    current = set(user.groups.filter(name__in=managed).values_list("name", flat=True))
    to_add = [groups[name] for name in wanted - current if name in groups]
    to_remove = [groups[name] for name in current - wanted]
    if to_add:
        user.groups.add(*to_add)
    if to_remove:
        user.groups.remove(*to_remove)


def oidc_user_provision(
    *, config: SsoConfig, issuer: str, claims: dict
) -> AbstractUser:
    """Find the person by issuer and subject, create them the first time, and bring
    name, e-mail, unit and role groups in line with the claims.

    Only the groups in ROLE_GROUPS are ever added or removed; staff and superuser
    status are never touched.
    """
    subject = claims.get(config.subject_claim)
    if not isinstance(subject, str) or not subject.strip():
        raise SsoError("claims", f"no {config.subject_claim!r} claim")
    subject = subject.strip()
    email = _claim_str(claims, config.email_claim) if config.email_claim else ""
    first_name, last_name = _names(claims)

    with transaction.atomic():
        identity = (
            OidcIdentity.objects.select_related("user")
            .filter(issuer=issuer, subject=subject)
            .first()
        )
        if identity is None:
            user = get_user_model()(
                username=_unique_username(claims, email=email, subject=subject),
                email=email,
                first_name=first_name,
                last_name=last_name,
            )
            user.set_unusable_password()
            user.save()
            identity = OidcIdentity.objects.create(
                user=user, issuer=issuer, subject=subject
            )
            logger.info("SSO: created user %s for %s", user.username, identity)
        else:
            user = identity.user
            changed = []
            for field, value in (
                ("first_name", first_name),
                ("last_name", last_name),
                ("email", email),
            ):
                if value and getattr(user, field) != value:
                    setattr(user, field, value)
                    changed.append(field)
            if changed:
                user.save(update_fields=changed)
            identity.save(update_fields=["last_login_at"])
        _sync_unit(user, claims, config)
        _sync_title_and_phone(user, claims, config)
        _sync_leadership(user, claims, config)
        _sync_groups(user, claims, config)
    return user
