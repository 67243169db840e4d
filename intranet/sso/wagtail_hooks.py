from django.contrib.auth.models import AbstractBaseUser
from wagtail import hooks

from intranet.core.directory import EMAIL, NAME, PROFILE_DIRECTORY_FIELDS, UNIT
from intranet.sso.conf import sso_config
from intranet.sso.models import OidcIdentity


@hooks.register(PROFILE_DIRECTORY_FIELDS)
def fields_from_sign_on(user: AbstractBaseUser) -> tuple[str, ...]:
    """Sign-in rewrites the name and e-mail (and the unit, when a department
    claim is read) of everyone who signs in through the provider."""
    if not OidcIdentity.objects.filter(user_id=user.pk).exists():
        return ()
    fields = [NAME]
    config = sso_config()
    if config.email_claim:
        fields.append(EMAIL)
    if config.department_claim:
        fields.append(UNIT)
    return tuple(fields)
