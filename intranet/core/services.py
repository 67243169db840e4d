"""Writes for the core app."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import F
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

from intranet.core.models import UNSCOPED, ContentVersion, StaffProfile
from intranet.core.request_memo import forget
from intranet.core.roles import (
    ROLES,
    CollectionRight,
    ModelRight,
    PageRight,
    Right,
    role_rights,
)
from intranet.core.selectors import CONTENT_VERSION


def staff_profile_ensure(*, user: AbstractBaseUser) -> StaffProfile:
    """Return the person's profile, creating an empty one the first time."""
    profile, _created = StaffProfile.objects.get_or_create(user=user)
    return profile


def content_version_bump(*, scopes: Iterable[str] = ()) -> None:
    """Mark the shared cached fragments as out of date (see ContentVersion);
    with `scopes`, say the change concerns only the fragments showing pages
    of those scopes.

    It runs in the caller's transaction, so other processes see the new number
    exactly when they see the change it stands for; the rows move together or
    not at all, in one order for every writer (so two publishes never wait on
    each other in a circle), the whole last."""
    with transaction.atomic(savepoint=False):
        for scope in sorted(set(scopes)) or [UNSCOPED]:
            _bump(scope)
        _bump("")
    # This request reads the new numbers from now on (and what they key).
    forget(lambda key: key == CONTENT_VERSION)


def _bump(scope: str) -> None:
    if not ContentVersion.objects.filter(scope=scope).update(value=F("value") + 1):
        ContentVersion.objects.get_or_create(scope=scope, defaults={"value": 1})


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


@dataclass(frozen=True)
class RolesSyncReport:
    """How many rights a sync granted and took away."""

    granted: int = 0
    revoked: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.granted or self.revoked)


def _permission_ids(names: Iterable[str]) -> dict[str, int]:
    """Permission ids by ``"app_label.codename"``; a name that matches none is
    a mistake in the table and stops the sync."""
    names = set(names)
    found = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.filter(
            content_type__app_label__in={name.split(".")[0] for name in names},
            codename__in={name.split(".")[-1] for name in names},
        ).values_list("pk", "content_type__app_label", "codename")
    }
    unknown = sorted(names - set(found))
    if unknown:
        raise ImproperlyConfigured(
            f"The role rights name unknown permissions: {unknown}"
        )
    return found


def _page_model(page_type: str) -> type[Page]:
    try:
        model = apps.get_model(page_type)
    except (LookupError, ValueError) as error:
        raise ImproperlyConfigured(f"No page type {page_type!r}") from error
    if not issubclass(model, Page):
        raise ImproperlyConfigured(f"{page_type!r} is not a page type")
    return model


def _page_permission(action: str) -> str:
    return f"wagtailcore.{action}_page"


def _rows_sync(
    model: type[models.Model], *, fields: tuple[str, ...], wanted: set[tuple]
) -> RolesSyncReport:
    """Make the rows of ``model`` for the role groups exactly ``wanted``
    (tuples of ``fields``, the group's id first)."""
    have = set(model.objects.filter(group__name__in=ROLES).values_list(*fields))
    missing, extra = wanted - have, have - wanted
    model.objects.bulk_create(
        model(**dict(zip(fields, row, strict=True))) for row in sorted(missing)
    )
    for row in sorted(extra):
        model.objects.filter(**dict(zip(fields, row, strict=True))).delete()
    return RolesSyncReport(granted=len(missing), revoked=len(extra))


@transaction.atomic
def roles_sync(*, rights: Iterable[Right] | None = None) -> RolesSyncReport:
    """Make the role groups hold exactly the rights in the table.

    ``rights`` is the table, `role_rights()` unless given. A missing role group
    is created. Every model, page and collection permission of a role group
    that the table names is granted, and every one it does not name is taken
    away, so a second run changes nothing. A page right covers the pages of its
    type that exist now; `role_page_rights_grant` opens pages created later. A
    row naming a permission or page type that does not exist stops the sync:
    it is a mistake in the table.
    """
    table = role_rights() if rights is None else frozenset(rights)
    group = {role: Group.objects.get_or_create(name=role)[0].pk for role in ROLES}
    model_rows = [row for row in table if isinstance(row, ModelRight)]
    page_rows = [row for row in table if isinstance(row, PageRight)]
    collection_rows = [row for row in table if isinstance(row, CollectionRight)]
    permission = _permission_ids(
        [row.permission for row in (*model_rows, *collection_rows)]
        + [_page_permission(row.action) for row in page_rows]
    )
    pages = {
        page_type: list(_page_model(page_type).objects.values_list("pk", flat=True))
        for page_type in {row.page_type for row in page_rows}
    }
    # A database emptied between tests has no root collection to grant on.
    root = Collection.get_first_root_node()

    reports = [
        _rows_sync(
            Group.permissions.through,
            fields=("group_id", "permission_id"),
            wanted={
                (group[row.role], permission[row.permission]) for row in model_rows
            },
        ),
        _rows_sync(
            GroupPagePermission,
            fields=("group_id", "page_id", "permission_id"),
            wanted={
                (group[row.role], page, permission[_page_permission(row.action)])
                for row in page_rows
                for page in pages[row.page_type]
            },
        ),
        _rows_sync(
            GroupCollectionPermission,
            fields=("group_id", "collection_id", "permission_id"),
            wanted={
                (group[row.role], root.pk, permission[row.permission])
                for row in collection_rows
            }
            if root
            else set(),
        ),
    ]
    return RolesSyncReport(
        granted=sum(report.granted for report in reports),
        revoked=sum(report.revoked for report in reports),
    )


def roles_sync_after_migrate(*, using: str) -> RolesSyncReport | None:
    """Sync the role rights once ``migrate`` has brought the default database
    up to date; a database left partly migrated waits for the migrate that
    finishes it (None). Django makes each app's permissions when it signals
    that app migrated, and core is signalled first, so every app's
    permissions are made here beforehand."""
    if using != DEFAULT_DB_ALIAS:
        return None
    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return None
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    return roles_sync()


def role_page_rights_grant(
    *, page: Page, rights: Iterable[Right] | None = None
) -> None:
    """Give the role groups the table's rights on a page created since the
    last sync (a new news index, a new case list); granting again changes
    nothing."""
    table = role_rights() if rights is None else rights
    rows = [
        row
        for row in table
        if isinstance(row, PageRight)
        and _page_model(row.page_type) is page.specific_class
    ]
    permission = _permission_ids([_page_permission(row.action) for row in rows])
    for row in rows:
        GroupPagePermission.objects.get_or_create(
            group=Group.objects.get_or_create(name=row.role)[0],
            page=page,
            permission_id=permission[_page_permission(row.action)],
        )


@transaction.atomic
def index_page_create(*, page: Page, parent: Page) -> Page:
    """Publish a new listing page (news, cases) under ``parent``, with the
    rights the role table gives on its type."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    role_page_rights_grant(page=page)
    return page
