"""Reads for the core app: the content version, and which pages a person may see."""

from django.contrib.auth.models import Group
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.lookups import StartsWith
from wagtail.models import PageViewRestriction

from intranet.core.models import ContentVersion


def content_version() -> int:
    """The current content version: part of the key of shared cached fragments."""
    value = ContentVersion.objects.filter(pk=1).values_list("value", flat=True).first()
    return value or 0


def hidden_from(user, *, path: str = "path") -> Exists:
    """True for rows whose page (its tree path at `path`) is behind a Wagtail view
    restriction the person does not pass, on the page itself or any ancestor.

    Wagtail's rule, for lists: a login restriction lets in anyone signed in; a
    group restriction lets in superusers and members of one of its groups; a
    password restriction lets in nobody, since a list cannot ask for it. A
    subquery, so a list costs no extra query whatever its length.
    """
    restrictions = PageViewRestriction.objects.filter(
        StartsWith(OuterRef(path), F("page__path"))
    )
    if not user.is_authenticated:
        return Exists(restrictions)
    blocking = Q(restriction_type=PageViewRestriction.PASSWORD)
    if not user.is_superuser:
        member = Exists(
            Group.objects.filter(pageviewrestriction=OuterRef("pk"), user=user.pk)
        )
        blocking |= Q(restriction_type=PageViewRestriction.GROUPS) & ~member
    return Exists(restrictions.filter(blocking))


def visible_to(queryset: QuerySet, *, user, path: str = "path") -> QuerySet:
    """The rows of `queryset` whose page the person may view (see `hidden_from`).

    Every list of pages shown to a person goes through this; lists cached for
    everyone use Wagtail's `.public()` instead."""
    return queryset.exclude(hidden_from(user, path=path))
