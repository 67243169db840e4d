"""Who may change which activity, as a Wagtail permission policy.

The admin (snippet views: listing, edit, delete, history), the intranet's own
pages and the services ask this one policy, so they agree:

* the communication team (the `change` permission, granted to Kommunikasjon by
  migration) and superusers act on every activity;
* staff (the `add` permission, granted to Ansatte) create activities and act
  on the ones they are responsible for (owners);
* everyone else acts on none.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BaseDjangoAuthPermissionPolicy

INSTANCE_ACTIONS = frozenset({"change", "delete", "view"})
KNOWN_ACTIONS = INSTANCE_ACTIONS | {"add"}


class ActivityPermissionPolicy(BaseDjangoAuthPermissionPolicy):
    def manages_all(self, user) -> bool:
        if not user.is_active:
            return False
        return user.is_superuser or user.has_perm(self._get_permission_name("change"))

    def may_own(self, user) -> bool:
        return user.is_active and user.has_perm(self._get_permission_name("add"))

    # Model level: "are there any activities this person may act on?"

    def user_has_permission(self, user, action) -> bool:
        if action not in KNOWN_ACTIONS:
            return user.is_active and user.is_superuser
        return self.manages_all(user) or self.may_own(user)

    def users_with_any_permission(self, actions):
        if not set(actions) & KNOWN_ACTIONS:
            return get_user_model().objects.filter(is_active=True, is_superuser=True)
        return self._get_users_with_any_permission_codenames(
            self._get_permission_codenames({"add", "change"})
        )

    # Instance level

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance) -> bool:
        if not set(actions) & INSTANCE_ACTIONS:
            return user.is_active and user.is_superuser
        if self.manages_all(user):
            return True
        if not self.may_own(user):
            return False
        return _is_owner(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if not set(actions) & INSTANCE_ACTIONS:
            return (
                manager.all()
                if user.is_active and user.is_superuser
                else manager.none()
            )
        if self.manages_all(user):
            return manager.all()
        if self.may_own(user):
            return manager.filter(owners=user)
        return manager.none()

    def users_with_any_permission_for_instance(self, actions, instance):
        users = get_user_model().objects
        if not set(actions) & INSTANCE_ACTIONS:
            return users.filter(is_active=True, is_superuser=True)
        team = self._get_users_with_any_permission_codenames_filter(
            self._get_permission_codenames({"change"})
        )
        owners_who_may = self._get_users_with_any_permission_codenames_filter(
            self._get_permission_codenames({"add"})
        ) & Q(pk__in=instance.owners.values("pk"))
        return users.filter(team | owners_who_may).distinct()


def _is_owner(user, instance) -> bool:
    if instance.pk is None:
        return False
    cache = getattr(instance, "_prefetched_objects_cache", {})
    if "owners" in cache:
        return any(owner.pk == user.pk for owner in cache["owners"])
    return instance.owners.filter(pk=user.pk).exists()


_POLICY: list[ActivityPermissionPolicy] = []


def activity_permission_policy() -> ActivityPermissionPolicy:
    """The one policy instance, as registered with Wagtail."""
    if not _POLICY:
        from intranet.planning.models import CommunicationActivity

        _POLICY.append(ActivityPermissionPolicy(CommunicationActivity))
    return _POLICY[0]


def register() -> None:
    """Make Wagtail's admin views use this policy for activities."""
    from wagtail.permissions import register_permission_policy

    from intranet.planning.models import CommunicationActivity

    register_permission_policy(
        CommunicationActivity, activity_permission_policy(), exact_class=True
    )
