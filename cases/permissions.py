"""Case ownership, enforced through Wagtail's own page permission machinery.

Wagtail asks a page for a `PagePermissionTester` (`page.permissions_for_user`)
in every admin view that acts on a page: the explorer's buttons, edit, create,
publish, unpublish, delete, move, copy, preview, revisions, history, the bulk
actions and the page chooser. The case page types return the testers below, so
all of those agree on one rule:

* Inside a case, the owners act as editors: they may add, change and publish
  (and so unpublish, delete and copy) the case and its updates.
* Group permissions granted *above* the case list still apply, so the
  communication team (add/change/publish on the whole tree) edits everything.
* The staff group's "add" permission on a case list means "may create a new
  case here" and nothing more: it does not reach into existing cases, so staff
  cannot add updates to other people's cases or edit pages they once created.
* The reviewers of an update whose unit asks for review (`cases.review`)
  may publish it: approving publishes.
* Moving a case to another list is an editorial decision: only people who may
  change and publish at the case list level (the communication team) and
  superusers may do it.

Every staff member is an admin user, so what the admin *lists* follows a rule
too (`ListingPagePermissionPolicy`, `listable_pages`): a page's title shows in
the explorer, admin page search, the page chooser, the site history and the
admin API only if the person

* could open it on the site: it is live and every view restriction on it and
  its ancestors lets them in ("login": anyone signed in; "groups": members;
  "password": nobody, as no one has typed the password in the admin); or
* may act on it: a change, publish, lock, unlock or bulk-delete grant on it or
  above it, a page they created under their "add" grant (Wagtail's rule), or
  it is a case they own or one of its updates; or
* must pass through it to reach where they may act (an ancestor of a grant or
  of an owned case).

So a plain staff member sees published, unrestricted pages and their own cases
with their drafts; editors and the communication team see everything they may
edit; superusers see everything.
"""

from __future__ import annotations

import os

from django.apps import apps
from django.db.models import Q, QuerySet
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from cases.review import may_review, review_required
from intranet.core.page_access import visible_to

#: What a case's owners may do inside their case.
OWNER_ACTIONS = frozenset({"add", "change", "publish"})

_OWNED_CASE_PATHS = "_owned_case_paths"


def owned_case_paths(user) -> frozenset[str]:
    """Tree paths of the cases the person owns, cached on the user object for
    the request (as Wagtail caches group page permissions)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, _OWNED_CASE_PATHS, None)
    if cached is None:
        case_owner = apps.get_model("cases", "CaseOwner")
        cached = frozenset(
            case_owner.objects.filter(user_id=user.pk).values_list(
                "case__path", flat=True
            )
        )
        setattr(user, _OWNED_CASE_PATHS, cached)
    return cached


def forget_owned_cases(user) -> None:
    """Drop the cached ownership, after ownership has changed."""
    if hasattr(user, _OWNED_CASE_PATHS):
        delattr(user, _OWNED_CASE_PATHS)


_TESTERS = "_case_permission_testers"


def case_permissions(user, page) -> CasePermissionTester:
    """The permission tester of a case or an update for this person, made once
    per page object: an explorer row asks its page's tester once for each of
    up to ten actions, and making one works out the person's grants and
    ownership again. A tester is made anew when the page has moved or the
    person's case ownership was forgotten (`forget_owned_cases`)."""
    owned = owned_case_paths(user)
    testers = page.__dict__.setdefault(_TESTERS, {})
    # The entry holds the user and its ownership, so neither id is reused by
    # another object while it is kept; a copy of the page object (which may
    # share the dictionary) gets a tester of its own.
    key = (id(user), page.path)
    kept = testers.get(key)
    if (
        kept is None
        or kept[0] is not owned
        or kept[1].user is not user
        or kept[1].page is not page
    ):
        kept = testers[key] = (owned, CasePermissionTester(user, page))
    return kept[1]


class CaseIndexPermissionTester(PagePermissionTester):
    """Whoever may create a case under the list may also publish it.

    The creator is the new case's first owner, and owners publish their cases.
    """

    def can_publish_subpage(self) -> bool:
        if super().can_publish_subpage():
            return True
        return self.user.is_active and "add" in getattr(self, "permissions", set())


class CasePermissionTester(PagePermissionTester):
    """Permissions on a case or one of its updates (see the module docstring)."""

    def __init__(self, user, page):
        super().__init__(user, page)
        # An update sits directly under its case.
        self.case_path = page.path if _is_case(page) else page.path[: -Page.steplen]
        self.is_owner = self.case_path in owned_case_paths(user)
        if user.is_active and not user.is_superuser:
            self.inherited_permissions = self._inherited_permissions()
            self.permissions = set(self.inherited_permissions)
            if self.is_owner:
                self.permissions |= OWNER_ACTIONS

    def _inherited_permissions(self) -> set[str]:
        case_list_path = self.case_path[: -Page.steplen]
        permissions = set()
        for perm in self.permission_policy.get_cached_permissions_for_user(self.user):
            if not self.page.path.startswith(perm.page.path):
                continue
            action = perm.permission.codename.rsplit("_", maxsplit=1)[0]
            if action == "add" and perm.page.path == case_list_path:
                # "May create cases here" stops at the case list.
                continue
            permissions.add(action)
        return permissions

    def can_publish(self) -> bool:
        is_update = self.page.path != self.case_path
        if is_update and self._publishes_only_as_owner():
            # Owners publish their updates, unless the update's unit asks for
            # review: then it goes live only when a reviewer approves it, in the
            # composer and in Wagtail's editor alike (`cases.review`).
            return not review_required(update=self.page) or may_review(
                update=self.page, user=self.user
            )
        if super().can_publish():
            return True
        # A reviewer approves an update of a unit that asks for review, and
        # approving publishes it.
        return (
            is_update
            and review_required(update=self.page)
            and may_review(update=self.page, user=self.user)
        )

    def can_unpublish(self) -> bool:
        # Wagtail's rule, its last condition asked first: every reader of a
        # case's page is asked, and most may not publish, so whether the page
        # is locked (a query) need not be read for them.
        if not self.user.is_active:
            return False
        if not (self.user.is_superuser or "publish" in self.permissions):
            return False
        return super().can_unpublish()

    def _publishes_only_as_owner(self) -> bool:
        """The person's right to publish here comes from owning the case alone."""
        if self.user.is_superuser or not self.is_owner:
            return False
        return "publish" not in getattr(self, "inherited_permissions", set())

    def can_reorder_children(self) -> bool:
        # A case's updates are listed by their date everywhere: a menu order
        # would change nothing a reader sees. Without it, no case offers
        # "Sort menu order", and the explorer's rows render one action less.
        return False

    def can_move(self) -> bool:
        if self.page.path == self.case_path and not self.user.is_superuser:
            # A case changes list only by editorial decision.
            inherited = getattr(self, "inherited_permissions", set())
            if not {"change", "publish"} <= inherited:
                return False
        return super().can_move()


def _is_case(page) -> bool:
    case_page = apps.get_model("cases", "CasePage")
    specific_class = page.specific_class
    return specific_class is not None and issubclass(specific_class, case_page)


#: Grants that let a person act on a page (anything but "add").
ACTING_ACTIONS = frozenset({"change", "publish", "lock", "unlock", "bulk_delete"})


class ListingPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, with the explorable pages cut down to what the
    person may list (see the module docstring).

    Wagtail asks `explorable_instances` for the explorer, admin page search,
    the admin API and the site history report, so they all follow the rule.

    Wagtail's own policy builds "the pages below each grant" as one queryset
    per grant joined with ``|``; combining querysets costs Django more than
    running the query (a third of the explorer's time for the communication
    team's six grants). The two methods below say the same as conditions on
    the page row, combined once.
    """

    def instances_user_has_any_permission_for(self, user, actions):
        pages = self._base_queryset_for_user(user)
        if pages is not None:
            return pages
        grants = self.get_cached_permissions_for_user(user)
        return self.model._default_manager.filter(self._granted(grants, user, actions))

    def explorable_instances(self, user):
        pages = self._base_queryset_for_user(user)
        if pages is None:
            pages = self.model._default_manager.filter(self._explorable(user))
        if user.is_superuser or not user.is_active:
            return pages
        return listable(pages, user)

    def _granted(self, grants, user, actions) -> Q:
        """The pages below (or at) a grant of one of `actions`; a grant of
        "add" alone counts for "change" on the pages the person created
        (Wagtail's rule)."""
        codenames = self._get_permission_codenames(actions)
        add = self._get_permission_codename("add")
        own_only = "add" not in actions and "change" in actions
        condition = Q(pk__in=[])
        for perm in grants:
            codename = perm.permission.codename
            if codename == add and own_only:
                condition |= Q(path__startswith=perm.page.path, owner=user)
            elif codename in codenames:
                condition |= Q(path__startswith=perm.page.path)
        return condition

    def _explorable(self, user) -> Q:
        """Wagtail's explorable pages: those the person may act on, and the
        ancestors of their grants (to walk down to them), under the grants'
        first common ancestor."""
        grants = self.get_cached_permissions_for_user(user)
        acting = self._granted(
            grants, user, {"add", "change", "publish", "lock", "unlock", "bulk_delete"}
        )
        paths = [perm.page.path for perm in grants]
        condition = acting | Q(path__in=_ancestor_paths(paths))
        common = _common_parent_path(paths)
        return condition & Q(path__startswith=common) if common else condition


def _ancestor_paths(paths) -> set[str]:
    """The tree paths of the pages at `paths` and of all their ancestors."""
    step = Page.steplen
    return {path[:end] for path in paths for end in range(step, len(path) + 1, step)}


def _common_parent_path(paths: list[str]) -> str:
    """The path of the nearest page above all of `paths` ("" for none or the
    root), as Wagtail's ``first_common_ancestor_of`` finds it."""
    step = Page.steplen
    common = os.path.commonprefix([path[:-step] for path in paths])
    return common[: len(common) - len(common) % step]


def listable_pages(user) -> Q:
    """The pages whose titles the person may see listed in the admin."""
    if user.is_superuser:
        return Q()
    if not user.is_active:
        return Q(pk__in=[])
    policy = ListingPagePermissionPolicy()
    grants = policy.get_cached_permissions_for_user(user)
    owned = owned_case_paths(user)
    reachable = {perm.page.path for perm in grants} | owned
    acting = policy._granted(grants, user, ACTING_ACTIONS)
    condition = visible_to(user) | acting | Q(path__in=_ancestor_paths(reachable))
    for path in owned:
        condition |= Q(path__startswith=path)
    return condition


def listable(pages: QuerySet, user) -> QuerySet:
    """`pages` cut down to those the person may see listed in the admin.

    As a filter on the primary key, so that Wagtail's search backends, which
    accept only simple filters on a queryset they search, can still search it.
    """
    if user.is_superuser:
        return pages
    return pages.filter(pk__in=Page.objects.filter(listable_pages(user)).values("pk"))


def register() -> None:
    """Make Wagtail's admin use the listing rule for every page type."""
    register_permission_policy(Page, ListingPagePermissionPolicy())
