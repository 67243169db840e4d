"""Who may see which page: Wagtail's view restrictions as query conditions.

The rule is Wagtail's own (``PageViewRestriction.accept_request``), applied to
a person instead of a request, so listings, feeds, calendars and notifications
agree with what the page itself would serve:

* a page is seen only while it is live;
* every restriction on the page or any of its ancestors must let the person in:
  "login" lets in anyone signed in; "groups" lets in members of one of its
  groups and superusers (a groups restriction without groups lets in
  superusers only); "password" lets in nobody here, as outside the page itself
  no one has typed the password.

Both conditions are SQL (an EXISTS over the few restrictions), so they add no
query and no query per row to the listing that uses them.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import (
    BaseViewRestriction,
    CollectionViewRestriction,
    PageViewRestriction,
)


def restrictions_denying(
    user, *, model: type[BaseViewRestriction] = PageViewRestriction
) -> QuerySet[BaseViewRestriction]:
    """The view restrictions (of pages, or of collections) that keep the person out."""
    restrictions = model.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return restrictions
    if user.is_superuser:
        return restrictions.filter(restriction_type=model.PASSWORD)
    member = model.groups.through.objects.filter(
        **{f"{model._meta.model_name}_id": OuterRef("pk")}, group__user=user
    )
    return restrictions.filter(
        Q(restriction_type=model.PASSWORD)
        | Q(restriction_type=model.GROUPS) & ~Exists(member)
    )


def hidden_from(user, *, prefix: str = "") -> Exists:
    """True for pages (reached through ``prefix``, e.g. ``"case__"``) that a
    restriction on themselves or an ancestor keeps the person out of."""
    # A restriction covers the pages whose tree path starts with its page's path.
    return Exists(
        restrictions_denying(user).filter(
            page__path=Substr(OuterRef(f"{prefix}path"), 1, Length("page__path"))
        )
    )


def without_hidden(queryset: QuerySet, *, user, prefix: str = "") -> QuerySet:
    """The rows of ``queryset`` whose page (reached through ``prefix``) no view
    restriction keeps the person out of, live or not: for lists that already
    choose which pages they show."""
    return queryset.exclude(hidden_from(user, prefix=prefix))


def visible_to(user, *, prefix: str = "") -> Q:
    """Pages (reached through ``prefix``) that are live and the person may see."""
    return Q(**{f"{prefix}live": True}) & ~Q(hidden_from(user, prefix=prefix))


def collection_hidden_from(user, *, prefix: str = "") -> Exists:
    """True for collections (reached through ``prefix``, e.g. ``"collection__"``)
    that a restriction on themselves or a parent collection keeps the person out of."""
    return Exists(
        restrictions_denying(user, model=CollectionViewRestriction).filter(
            collection__path=Substr(
                OuterRef(f"{prefix}path"), 1, Length("collection__path")
            )
        )
    )
