"""The explorer's rows, kept per person and page.

Each row of Wagtail's page explorer renders the page's title with a menu of
up to ten actions (each asking the person's permission rules and reversing a
URL), its status and a link to its children: about 5 ms a row, most of a
listing of twenty. A row looks the same until the page, the person's rights
on it or the site's restrictions change, so `KeptRowsMixin` keeps each cell
but the date ("3 hours ago", which ages by itself) under a key of:

- the page's own state as the listing read it: title, place, live, draft,
  lock, latest revision, schedule, owner, children;
- the person: who they are, whether a superuser, the rights their groups give
  on this page (the permission tester Wagtail's menu asks) and, on a case,
  whether they own it;
- the language, the listing's address (the actions return to it), and the
  content version of the "admin-menu" scope, which moves when a group's page
  rights change and with every change that names no scope (a view
  restriction, a unit).

Whatever the key misses still lives at most `EXPLORER_ROW_SECONDS`, and
every action checks the person's rights again when it is chosen. A search
across the tree shows each page's parent too: its rows are not kept.
"""

import time

from django.core.cache import cache
from django.utils.translation import get_language

from intranet.core.models import ADMIN_MENU_SCOPE
from intranet.core.roles import group_ids
from intranet.core.selectors import content_key

EXPLORER_ROW_SECONDS = 10 * 60
#: The cells kept; the date cell says how long ago, which changes by itself.
KEPT_COLUMNS = frozenset({"bulk_actions", "title", "type", "status", "navigate"})
# A new release (a restarted process) may render rows otherwise.
_STARTED = time.time_ns()

_PAGE_STATE = (
    "pk",
    "path",
    "url_path",
    "title",
    "draft_title",
    "live",
    "has_unpublished_changes",
    "numchild",
    "locked",
    "locked_by_id",
    "latest_revision_id",
    "last_published_at",
    "expired",
    "go_live_at",
    "expire_at",
    "owner_id",
    "content_type_id",
    "locale_id",
)


def row_key(page, *, user, next_url: str, show_locale_labels: bool) -> str:
    tester = page.permissions_for_user(user)
    return content_key(
        (
            "explorer-row",
            _STARTED,
            user.pk,
            user.is_superuser,
            get_language(),
            next_url,
            show_locale_labels,
            *(getattr(page, name, None) for name in _PAGE_STATE),
            *sorted(getattr(tester, "permissions", ())),
            getattr(tester, "is_owner", None),
        ),
        scopes=[ADMIN_MENU_SCOPE],
    )


class _KeptCell:
    def __init__(self, column: "_KeptColumn", instance):
        self.column = column
        self.instance = instance

    def render_html(self, parent_context):
        return self.column.rows.cell(self.column, self.instance, parent_context)


class _KeptColumn:
    """A column of the table whose cells come from `_KeptRows`; everything
    else (its header, width, media) is the column's own."""

    def __init__(self, column, rows: "_KeptRows"):
        self.column = column
        self.rows = rows

    def __getattr__(self, name):
        return getattr(self.column, name)

    def get_cell(self, instance):
        return _KeptCell(self, instance)


class _KeptRows:
    """The kept cells of one listing: read together, in one round trip to
    the cache, and each one missing rendered and kept as the table asks."""

    def __init__(self, pages, names, *, user, next_url: str, show_locale_labels: bool):
        self.names = names
        self.keys = {
            page.pk: row_key(
                page,
                user=user,
                next_url=next_url,
                show_locale_labels=show_locale_labels,
            )
            for page in pages
        }
        self.found = None

    def cell(self, kept_column: _KeptColumn, page, parent_context):
        if self.found is None:
            self.found = cache.get_many(
                [f"{key}:{name}" for key in self.keys.values() for name in self.names]
            )
        key = f"{self.keys[page.pk]}:{kept_column.name}"
        html = self.found.get(key)
        if html is None:
            html = kept_column.column.get_cell(page).render_html(parent_context)
            cache.set(key, html, timeout=EXPLORER_ROW_SECONDS)
        return html


class KeptRowsMixin:
    """For an `ExplorableIndexView`: its rows' cells kept (see above)."""

    def get_table(self, object_list):
        table = super().get_table(object_list)
        if self.is_searching:
            return table
        kwargs = self.get_table_kwargs()
        rows = _KeptRows(
            list(object_list),
            [name for name in table.columns if name in KEPT_COLUMNS],
            user=self.request.user,
            next_url=kwargs.get("actions_next_url", ""),
            show_locale_labels=kwargs.get("show_locale_labels", False),
        )
        table.columns = {
            name: _KeptColumn(column, rows) if name in rows.names else column
            for name, column in table.columns.items()
        }
        return table


class KeptCountMixin:
    """For an `ExplorableIndexView`: the number of pages its listing holds
    (for the pages of the paginator), kept per person, filters and content
    version. Counting applies the person's listing rights to every page below
    the one explored (3,000 cases: 8 ms a visit, more every year); the count
    changes only with the pages (a new, published, moved or deleted page moves
    the content version), the person's rights (their groups are in the key,
    a group's rights move the version) and what ``count_key_parts`` names.
    A search is counted each time."""

    def count_key_parts(self) -> tuple:
        """What else the person's listing depends on (a view's own rules)."""
        return ()

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        if self.is_searching:
            return paginator
        user = self.request.user
        filters = self.request.GET.copy()
        for name in ("p", "ordering"):  # the page shown and its order
            filters.pop(name, None)
        key = content_key(
            (
                "explorer-count",
                _STARTED,
                self.model._meta.label,
                self.parent_page.pk,
                user.pk,
                user.is_superuser,
                tuple(group_ids(user)),
                filters.urlencode(),
                *self.count_key_parts(),
            )
        )
        count = cache.get(key)
        if count is None:
            cache.set(key, paginator.count, timeout=EXPLORER_ROW_SECONDS)
        else:
            paginator.count = count  # Django's cached property, read already
        return paginator
