"""Reads for the core app: the content version, what a story card needs and
whose eyes a profile photo is for."""

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.db.models import Prefetch, Q, QuerySet
from wagtail.images import get_image_model

from intranet.core.models import ContentVersion, ProfileField, StaffProfile

T = TypeVar("T")
#: Longer cache keys are hashed (memcached takes at most 250 characters).
KEY_LENGTH = 200
SAFE_KEY = re.compile(r"[!-~]*")  # printable ASCII without spaces


def content_version() -> int:
    """The current content version: part of the key of shared cached fragments."""
    value = ContentVersion.objects.filter(pk=1).values_list("value", flat=True).first()
    return value or 0


def cached_for_content(parts: Iterable, read: Callable[[], T], *, timeout: int) -> T:
    """``read()``, kept in the cache until the content changes: under a key of
    ``parts`` and the content version, which every publish, move, unit or
    restriction change moves on. A key too long or with other characters than
    every cache takes (a typed search text) is hashed."""
    key = ":".join(str(part) for part in (*parts, content_version()))
    if len(key) > KEY_LENGTH or not SAFE_KEY.fullmatch(key):
        key = "content:" + hashlib.sha256(key.encode()).hexdigest()
    return cache.get_or_set(key, read, timeout=timeout)


def for_story_cards(stories: QuerySet) -> QuerySet:
    """Stories of one kind with what a story card shows loaded in bulk: the
    unit and the main image's renditions."""
    images = get_image_model().objects.prefetch_renditions()
    return stories.select_related("unit").prefetch_related(
        Prefetch("hero_image", queryset=images)
    )


def profile_photos() -> QuerySet:
    """The images that are someone's profile photo."""
    return get_image_model().objects.filter(
        pk__in=StaffProfile.objects.filter(photo__isnull=False).values("photo")
    )


def image_file_hidden_from(*, user: AbstractBaseUser, name: str) -> bool:
    """Whether the image file `name` (relative to MEDIA_ROOT: an original or a
    rendition) is the profile photo of someone other than `user` who has
    chosen not to show it. One query."""
    image_model = get_image_model()
    renditions = image_model.get_rendition_model().objects.filter(file=name)
    return (
        StaffProfile.objects.filter(
            Q(photo__in=image_model.objects.filter(file=name).values("pk"))
            | Q(photo__in=renditions.values("image_id")),
            hidden_fields__contains=ProfileField.PHOTO.value,
        )
        .exclude(user_id=user.pk)
        .exists()
    )
