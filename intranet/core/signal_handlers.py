from django.contrib.auth import get_user_model
from django.db.models.signals import post_save

from intranet.core import services


def create_staff_profile(sender, instance, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        services.staff_profile_ensure(user=instance)


def connect() -> None:
    post_save.connect(
        create_staff_profile,
        sender=get_user_model(),
        dispatch_uid="core.create_staff_profile",
    )
