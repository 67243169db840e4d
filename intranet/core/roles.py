"""The role groups and what each may do: one table of rights, one sync.

The group names are stable identifiers: sign-in places people in them, and code
asks for them by name. What each role may do is one table of rows (`Right`).
Core names no feature, so every app contributes the rows for its own models and
pages through the ``register_role_rights`` hook, a function that returns rows;
`role_rights()` reads the whole table. After every ``migrate``,
`intranet.core.services.roles_sync` makes the database hold exactly this table:
a right the table names is granted, and a model, page or collection permission
of a role group that the table does not name is taken away. Rights given to
these three groups in the admin's group editor are therefore undone at the next
deploy; other groups are left alone.
"""

from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from wagtail import hooks

STAFF = "Ansatte"
COMMUNICATION = "Kommunikasjon"
EDITORS = "Redaktører"

ROLES = (STAFF, COMMUNICATION, EDITORS)


# Where `_groups` keeps them on the user object.
_GROUPS = "_intranet_groups"


def group_names(user) -> frozenset[str]:
    """The names of the person's groups: a page asks "is this the
    communication team?" from several places (panels, rules, forms)."""
    return frozenset(name for _pk, name in _groups(user))


def group_ids(user) -> tuple[int, ...]:
    """The ids of the person's groups, in order: what search and kept
    answers are keyed by."""
    return tuple(pk for pk, _name in _groups(user))


def _groups(user) -> tuple[tuple[int, str], ...]:
    """The person's groups, read in one query per user object (which Django
    makes once per request), for `group_names` and `group_ids` alike."""
    if not user.is_authenticated:
        return ()
    kept = user.__dict__.get(_GROUPS)
    if kept is None:
        kept = user.__dict__[_GROUPS] = tuple(
            user.groups.order_by("pk").values_list("pk", "name")
        )
    return kept


def group_names_forget(user) -> None:
    """Drop what is kept on the user object about the person's groups after
    they changed: `group_names`, `group_ids` and the permissions they grant
    (`selectors.has_permission`)."""
    user.__dict__.pop(_GROUPS, None)
    user.__dict__.pop("_model_permissions", None)


#: The hook every app implements to add its rows to the table.
REGISTER_ROLE_RIGHTS = "register_role_rights"


@dataclass(frozen=True)
class ModelRight:
    """A Django permission, named ``"app_label.codename"``."""

    role: str
    permission: str


@dataclass(frozen=True)
class PageRight:
    """A Wagtail page permission (``add``, ``change``, ``publish``, ``lock``,
    ``unlock``…) on every page of a type, ``"app_label.ModelName"``, and so on
    the pages below each of them."""

    role: str
    page_type: str
    action: str


@dataclass(frozen=True)
class CollectionRight:
    """An image or document permission, named ``"app_label.codename"``, on the
    root collection, and so on every collection."""

    role: str
    permission: str


Right = ModelRight | PageRight | CollectionRight


def model_rights(role: str, *permissions: str) -> list[ModelRight]:
    return [ModelRight(role, permission) for permission in permissions]


def page_rights(role: str, page_type: str, *actions: str) -> list[PageRight]:
    return [PageRight(role, page_type, action) for action in actions]


def collection_rights(role: str, *permissions: str) -> list[CollectionRight]:
    return [CollectionRight(role, permission) for permission in permissions]


def role_rights() -> frozenset[Right]:
    """The whole table: every app's rows, for the three roles only."""
    rows = frozenset(
        row
        for contribute in hooks.get_hooks(REGISTER_ROLE_RIGHTS)
        for row in contribute()
    )
    strangers = sorted({row.role for row in rows} - set(ROLES))
    if strangers:
        raise ImproperlyConfigured(f"Rights for groups that are no role: {strangers}")
    return rows
