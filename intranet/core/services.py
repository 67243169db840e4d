"""Writes for the core app."""

from django.contrib.auth.models import AbstractBaseUser

from intranet.core.models import StaffProfile


def staff_profile_ensure(*, user: AbstractBaseUser) -> StaffProfile:
    """Return the person's profile, creating an empty one the first time."""
    profile, _created = StaffProfile.objects.get_or_create(user=user)
    return profile
