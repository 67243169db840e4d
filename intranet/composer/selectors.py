"""Reads for the composer."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.images import get_image_model

from intranet.core.images import image_permission_policy

#: How many recent pictures the composer offers as thumbnails.
RECENT_PICTURES = 6


def pictures_to_choose(*, user, current=None) -> QuerySet:
    """The person's own newest pictures they may still choose (Wagtail's
    "choose" rule on collections), and the story's current picture."""
    image_model = get_image_model()
    choosable = image_permission_policy().instances_user_has_any_permission_for(
        user, ["choose"]
    )
    recent = list(
        choosable.filter(uploaded_by_user=user)
        .order_by("-created_at", "-pk")
        .values_list("pk", flat=True)[:RECENT_PICTURES]
    )
    current_pk = getattr(current, "pk", current)
    if current_pk:
        recent.append(current_pk)
    return image_model.objects.filter(pk__in=recent).order_by("-created_at", "-pk")
