"""Which documents a person may see listed in the admin.

Every staff member may choose documents, so the document chooser would list
the titles of documents in privacy-restricted collections to anyone. A
document is listed only if the person

* could download it: every view restriction on its collection and the
  collection's ancestors lets them in ("login": anyone signed in; "groups":
  members; "password": nobody, as no one has typed the password in the admin);
  or
* may change it: a change grant on its collection (editors and the
  communication team), or they uploaded it themselves.

Superusers see every document. The rule is Wagtail's "choose" permission
(`ListingDocumentPermissionPolicy`), so the chooser's listing, search and the
views that return a chosen document's title by id all follow it.
"""

from django.db.models import Q, QuerySet
from wagtail.documents import get_document_model, get_document_model_string
from wagtail.permission_policies.collections import (
    CollectionOwnershipPermissionPolicy,
)
from wagtail.permissions import policy_registry, register_permission_policy

from intranet.core.page_access import collection_hidden_from


class ListingDocumentPermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's document policy, with "choose" limited to the listable
    documents (see the module docstring)."""

    def instances_user_has_any_permission_for(self, user, actions):
        documents = super().instances_user_has_any_permission_for(user, actions)
        if set(actions) == {"choose"}:
            documents = documents_listable(documents=documents, user=user)
        return documents

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if set(actions) != {"choose"}:
            return super().user_has_any_permission_for_instance(user, actions, instance)
        return (
            self.instances_user_has_any_permission_for(user, ["choose"])
            .filter(pk=instance.pk)
            .exists()
        )


def register() -> None:
    """Make Wagtail's admin use the listing rule for documents.

    Registered for the exact class, so it wins over the policy that Wagtail's
    documents app registers after ours (its app comes later in INSTALLED_APPS).
    """
    register_permission_policy(
        get_document_model(),
        ListingDocumentPermissionPolicy(
            get_document_model_string(),
            auth_model="wagtaildocs.Document",
            owner_field_name="uploaded_by_user",
        ),
        exact_class=True,
    )


def documents_listable(*, documents: QuerySet, user) -> QuerySet:
    """`documents` cut down to those the person may see listed."""
    if user.is_superuser:
        return documents
    document_model = get_document_model()
    changeable = policy_registry.get_by_type(
        document_model
    ).instances_user_has_any_permission_for(user, ["change"])
    listable = document_model.objects.filter(
        ~Q(collection_hidden_from(user, prefix="collection__"))
        | Q(pk__in=changeable.values("pk"))
    )
    return documents.filter(pk__in=listable.values("pk"))
