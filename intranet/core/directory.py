"""Which profile fields the municipality's user directory keeps for a person.

A person whose account comes from single sign-on gets their name, e-mail and
unit (and title and work phone, when the provider is set to send them) from the
identity provider at every sign-in; editing them here would be
undone at the next one, so the profile shows them read-only. Single sign-on
builds on core and no feature imports it: it answers through the
`PROFILE_DIRECTORY_FIELDS` hook (a function of the user returning field names).
"""

from django.contrib.auth.models import AbstractBaseUser
from wagtail import hooks

PROFILE_DIRECTORY_FIELDS = "profile_directory_fields"

NAME = "name"
EMAIL = "email"
UNIT = "unit"
TITLE = "job_title"
PHONE = "phone"


def profile_fields_from_directory(user: AbstractBaseUser) -> frozenset[str]:
    """The fields (`NAME`, `EMAIL`, `UNIT`, `TITLE`, `PHONE`) the user
    directory sets for `user`."""
    fields: set[str] = set()
    for answer in hooks.get_hooks(PROFILE_DIRECTORY_FIELDS):
        fields.update(answer(user))
    return frozenset(fields)
