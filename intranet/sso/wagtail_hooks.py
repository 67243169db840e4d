from django.contrib.auth.models import AbstractBaseUser
from wagtail import hooks

from intranet.core.directory import (
    EMAIL,
    NAME,
    PHONE,
    PROFILE_DIRECTORY_FIELDS,
    TITLE,
    UNIT,
)
from intranet.sso.conf import sso_config
from intranet.sso.models import OidcIdentity


@hooks.register(PROFILE_DIRECTORY_FIELDS)
def fields_from_sign_on(user: AbstractBaseUser) -> tuple[str, ...]:
    """Sign-in rewrites the name and e-mail (and the unit, title and phone, when
    their claims are read) of everyone who signs in through the provider."""
    if not OidcIdentity.objects.filter(user_id=user.pk).exists():
        return ()
    fields = [NAME]
    config = sso_config()
    if config.email_claim:
        fields.append(EMAIL)
    if config.department_claim:
        fields.append(UNIT)
    if config.title_claim:
        fields.append(TITLE)
    if config.phone_claim:
        fields.append(PHONE)
    return tuple(fields)
