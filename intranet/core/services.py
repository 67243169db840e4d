"""Writes for the core app."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.db import transaction
from django.db.models import F
from wagtail.models import GroupPagePermission, Page

from intranet.core.models import ContentVersion, StaffProfile


def staff_profile_ensure(*, user: AbstractBaseUser) -> StaffProfile:
    """Return the person's profile, creating an empty one the first time."""
    profile, _created = StaffProfile.objects.get_or_create(user=user)
    return profile


def content_version_bump() -> None:
    """Mark the shared cached fragments as out of date (see ContentVersion).

    It runs in the caller's transaction, so other processes see the new number
    exactly when they see the change it stands for."""
    if not ContentVersion.objects.filter(pk=1).update(value=F("value") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"value": 1})


def group_page_permissions_grant(
    *, group_name: str, page: Page, actions: Iterable[str]
) -> None:
    """Give a group Wagtail page permissions (``add``, ``change``, ``publish``…)
    on ``page`` and its subtree; granting again changes nothing."""
    group = Group.objects.get(name=group_name)
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{action}_page"
            ),
        )


@transaction.atomic
def index_page_create(
    *, page: Page, parent: Page, group_name: str, actions: Iterable[str]
) -> Page:
    """Publish a new listing page (news, cases) under ``parent`` and open it to
    the group that writes below it."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    group_page_permissions_grant(group_name=group_name, page=page, actions=actions)
    return page
