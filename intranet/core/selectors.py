"""Reads for the core app: the content version and what a story card needs."""

from django.db.models import Prefetch, QuerySet
from wagtail.images import get_image_model

from intranet.core.models import ContentVersion


def content_version() -> int:
    """The current content version: part of the key of shared cached fragments."""
    value = ContentVersion.objects.filter(pk=1).values_list("value", flat=True).first()
    return value or 0


def for_story_cards(stories: QuerySet) -> QuerySet:
    """Stories of one kind with what a story card shows loaded in bulk: the
    unit and the main image's renditions."""
    images = get_image_model().objects.prefetch_renditions()
    return stories.select_related("unit").prefetch_related(
        Prefetch("hero_image", queryset=images)
    )
