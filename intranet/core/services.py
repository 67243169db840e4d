"""Writes for the core app."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
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


class StalePageSave(PermissionDenied):
    """A save from the page editor of a copy read before the page was published."""


# Set on the page object Wagtail's editor works on: was it live when read?
_EDITOR_READ_LIVE = "_intranet_editor_read_live"


def page_editor_copy_mark(*, page: Page) -> None:
    """Remember whether the page editor's copy of a page was live when read."""
    setattr(page, _EDITOR_READ_LIVE, page.live)


def page_stale_save_refuse(*, page: Page, update_fields: Iterable[str] | None) -> None:
    """Refuse an editor's save that would take a page offline from an old copy.

    The page editor never changes ``live``: it saves its copy back with the
    ``live`` it read. When it read "not live" and the stored page is live now,
    the page was published while this request ran (typically an autosave still
    in flight when the editor pressed Publish). Saving would unpublish it
    silently, with no unpublish signal: a 404 where the editor was told
    "published", and search hits and notifications pointing at it. The stored
    row is locked first, so a publish committing at the same moment is seen.
    Only copies marked by ``page_editor_copy_mark`` are checked, so every
    unpublish goes through. ``StalePageSave`` is a ``PermissionDenied``, which
    Wagtail's editor reports as an error (autosave: "invalid revision") after
    rolling the save back, so no draft is left behind either.
    """
    if (
        page.pk is None
        or page.live
        or getattr(page, _EDITOR_READ_LIVE, None) is not False
    ):
        return
    if update_fields is not None and "live" not in update_fields:
        return
    stored = Page.objects.filter(pk=page.pk, live=True)
    if transaction.get_connection().in_atomic_block:
        stored = stored.select_for_update()
    if stored.exists():
        raise StalePageSave(
            _(
                "The page was published while you were editing it. Reload the "
                "page to see the published version before you save again."
            )
        )


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
