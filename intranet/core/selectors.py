"""Reads for the core app: the content version, what a story card needs and
whose eyes a profile photo is for."""

import datetime
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from wagtail.images import get_image_model
from wagtail.users.models import UserProfile

from intranet.core.models import (
    ADMIN_MENU_SCOPE,
    UNSCOPED,
    ContentVersion,
    ProfileField,
    StaffProfile,
    Topic,
    Unit,
)
from intranet.core.request_memo import remembered
from intranet.core.roles import group_ids

T = TypeVar("T")
U = TypeVar("U")
#: Longer cache keys are hashed (memcached takes at most 250 characters).
KEY_LENGTH = 200
SAFE_KEY = re.compile(r"[!-~]*")  # printable ASCII without spaces


CONTENT_VERSION = "content-version"
#: Where `has_permission` keeps the person's permissions on the user object.
MODEL_PERMISSIONS = "_model_permissions"


def content_versions() -> dict[str, int]:
    """Every row of the content version by scope ("" for the whole), in one
    read once per request (`request_memo`); a bump in this process forgets it."""

    def read() -> dict[str, int]:
        return dict(ContentVersion.objects.values_list("scope", "value"))

    return remembered(CONTENT_VERSION, read)


def content_version() -> int:
    """The current content version: part of the key of shared cached fragments.
    It moves with every change to what they may show."""
    return content_versions().get("", 0)


def content_version_now() -> int:
    """The content version as the database holds it now, not this request's
    copy: for a job that compares what it read a while ago with what is
    there now (another process's change moves it in its own transaction)."""
    return (
        ContentVersion.objects.filter(scope="").values_list("value", flat=True).first()
        or 0
    )


def content_version_for(scopes: Iterable[str]) -> int:
    """A version that moves with every change to a page of one of `scopes`
    and with every change that names no scope, but not with the others: the
    key part of a fragment that shows pages of `scopes` only (and units,
    topics, pictures, any other page).

    Each row counts the changes that moved it, so their sum counts exactly
    the changes that concern the fragment, and it never goes back."""
    versions = content_versions()
    return versions.get(UNSCOPED, 0) + sum(
        versions.get(scope, 0) for scope in set(scopes)
    )


def has_permission(user: AbstractBaseUser, permission: str) -> bool:
    """``user.has_perm(permission)`` for a model permission ("app.codename").
    Django's ``has_perm`` reads the person's permissions in two queries and
    builds them through its backends; here they are read in one and kept per
    person and set of groups until a right of a group or a person changes
    (the ``admin-menu`` row): every page's header asks. On the user object
    they are kept for the request (`roles.group_names_forget` drops that
    copy)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if hasattr(user, "_perm_cache"):
        # Django has read them all for this person already (the admin asks
        # many): answered from what it keeps on the person.
        return user.has_perm(permission)
    kept = user.__dict__.get(MODEL_PERMISSIONS)
    if kept is None:
        # Not keyed by the content: a publish changes nobody's rights.
        rights = scope_version(ADMIN_MENU_SCOPE)
        kept = user.__dict__[MODEL_PERMISSIONS] = cache.get_or_set(
            cache_key(("permissions", user.pk, *group_ids(user), rights)),
            lambda: _model_permissions(user),
            timeout=PERMISSIONS_SECONDS,
        )
    return permission in kept


#: How long a person's model permissions are kept (`has_permission`).
PERMISSIONS_SECONDS = 60 * 60


def _model_permissions(user: AbstractBaseUser) -> frozenset[str]:
    fields = ("content_type__app_label", "codename")
    own = Permission.objects.filter(user=user).values_list(*fields)
    granted = Permission.objects.filter(group__user=user).values_list(*fields)
    return frozenset(
        f"{app_label}.{codename}"
        for app_label, codename in own.order_by().union(granted.order_by())
    )


def may_use_publishing_tool(user: AbstractBaseUser) -> bool:
    """May the person open Wagtail's admin (``wagtailadmin.access_admin``)?
    Asked by every page's header."""
    if user.is_authenticated and user.is_active and user.is_staff:
        return True
    return has_permission(user, "wagtailadmin.access_admin")


def chosen_languages(user_ids: Iterable[int]) -> dict[int, str]:
    """The interface language each of these people chose, for those who chose
    one of the site's languages. One query.

    Kept in Wagtail's `UserProfile.preferred_language`, which the publishing
    tool follows already: one choice per person, for the intranet, the admin
    and the emails they get."""
    languages = dict(settings.LANGUAGES)
    rows = UserProfile.objects.filter(user_id__in=list(user_ids)).values_list(
        "user_id", "preferred_language"
    )
    return {user_id: chosen for user_id, chosen in rows if chosen in languages}


def content_version_key(scopes: Iterable[str] | None = None) -> str:
    """The content version as a key part: the whole's (None), or that of
    `scopes` (`content_version_for`) with their names, so no key of one set of
    scopes is ever another's."""
    if scopes is None:
        return str(content_version())
    scopes = sorted(set(scopes))
    return f"{'+'.join(scopes)}.{content_version_for(scopes)}"


def content_key(parts: Iterable, *, scopes: Iterable[str] | None = None) -> str:
    """A cache key of ``parts`` and the content version, which every publish,
    move, unit or restriction change moves on: what is kept under it is read
    again after any of those. With ``scopes``, what is kept shows pages of
    those scopes only, and the key moves with them and with every change that
    names no scope (`content_version_key`). A key too long or with other
    characters than every cache takes (a typed search text) is hashed."""
    return cache_key((*parts, content_version_key(scopes)))


def cache_key(parts: Iterable) -> str:
    """A cache key of ``parts``, hashed when too long or with other characters
    than every cache takes (a typed search text, a title)."""
    key = ":".join(str(part) for part in parts)
    if len(key) > KEY_LENGTH or not SAFE_KEY.fullmatch(key):
        key = "content:" + hashlib.sha256(key.encode()).hexdigest()
    return key


def scope_version(scope: str) -> int:
    """One scope's row alone, without the changes that name no scope: for a
    fragment whose key names everything else it shows (a story card follows
    the pictures this way, and its own page, unit and case in its key)."""
    return content_versions().get(scope, 0)


def cached_for_content(
    parts: Iterable,
    read: Callable[[], T],
    *,
    timeout: int,
    scopes: Iterable[str] | None = None,
) -> T:
    """``read()``, kept in the cache until the content changes (`content_key`)."""
    return cache.get_or_set(content_key(parts, scopes=scopes), read, timeout=timeout)


def cached_each(
    items: Sequence[T],
    *,
    key: Callable[[T], str],
    read: Callable[[list[T]], list[U]],
    timeout: int,
) -> list[U]:
    """``read(items)``, one value per item, kept per item under ``key(item)``:
    only the items whose key moved are read again, together (so what they
    need is loaded in bulk), and one cache round trip finds the rest."""
    keys = [key(item) for item in items]
    found = cache.get_many(keys) if keys else {}
    missing = [
        (item_key, item)
        for item_key, item in zip(keys, items, strict=True)
        if item_key not in found
    ]
    if missing:
        fresh = dict(
            zip(
                [item_key for item_key, _item in missing],
                read([item for _item_key, item in missing]),
                strict=True,
            )
        )
        cache.set_many(fresh, timeout=timeout)
        found.update(fresh)
    return [found[item_key] for item_key in keys]


#: How long the units and topics are kept at most (a change moves their key).
VOCABULARY_SECONDS = 60 * 60


def units_and_topics() -> tuple[list[Unit], list[Topic]]:
    """Every unit (with its sector) and every topic, each by name: what the
    search page labels its filters with and looks a typed name up in. Kept
    until a unit, topic or other unscoped change (a publish keeps them)."""

    def read() -> tuple[list[Unit], list[Topic]]:
        return (
            list(Unit.objects.select_related("parent").order_by("name")),
            list(Topic.objects.order_by("name")),
        )

    return cached_for_content(
        ("units-and-topics",), read, timeout=VOCABULARY_SECONDS, scopes=()
    )


def _card_images() -> Prefetch:
    return Prefetch(
        "hero_image", queryset=get_image_model().objects.prefetch_renditions()
    )


def for_story_cards(stories: QuerySet, *, images: bool = True) -> QuerySet:
    """Stories of one kind with what a story card shows loaded in bulk: the
    unit and the main image's renditions. A card shows no body, so the stream
    fields are left unread (read and parsed, they were most of a list's cost).

    Without `images` the pictures are left for `card_images_load`: a list
    shown through the kept cards (`story_cards`) needs them only for the
    cards it renders, mostly none."""
    stories = stories.defer_streamfields().select_related("unit")
    return stories.prefetch_related(_card_images()) if images else stories


def card_images_load(stories: Sequence) -> None:
    """The main image and its renditions of each story, in bulk (two queries
    per kind of story), for cards about to be rendered."""
    by_model: dict[type, list] = {}
    for story in stories:
        by_model.setdefault(type(story), []).append(story)
    for same_kind in by_model.values():
        prefetch_related_objects(same_kind, _card_images())


def reader_units(user: AbstractBaseUser) -> tuple[int, ...]:
    """The units a story must name to be for this person: their own unit and
    its sector (a story for a sector is for every unit in it). Empty for
    someone without a unit. One query, once per request object."""
    if not user.is_authenticated:
        return ()
    cached = getattr(user, "_reader_units", None)
    if cached is None:
        row = (
            StaffProfile.objects.filter(user=user, unit__isnull=False)
            .values_list("unit_id", "unit__parent_id")
            .first()
        )
        cached = tuple(pk for pk in row or () if pk is not None)
        user._reader_units = cached
    return cached


def targeting(stories: QuerySet, units: Iterable[int]) -> QuerySet:
    """The stories that name one of `units` among the units they are for."""
    through = stories.model.target_units.through
    story_link = next(
        field.name
        for field in through._meta.fields
        if field.is_relation and field.related_model is stories.model
    )
    links = through.objects.filter(
        unit_id__in=list(units), **{story_link: OuterRef("pk")}
    )
    return stories.filter(Exists(links))


def targeted_first(
    stories: QuerySet,
    *,
    units: tuple[int, ...],
    limit: int,
    since: datetime.date | datetime.datetime,
    date_field: str,
) -> list:
    """The newest `limit` stories, with those for the reader's `units` that
    were published since `since` moved to the top and marked ``for_reader``.

    They take at most half the list, so the newest news for everyone is
    always there too. Targeting orders and highlights; it hides nothing that
    the person could not find in the full listing."""
    chosen = []
    if units:
        recent = targeting(stories, units).filter(**{f"{date_field}__gte": since})
        chosen = list(recent[: (limit + 1) // 2])
        for story in chosen:
            story.for_reader = True
    rest = stories.exclude(pk__in=[story.pk for story in chosen])
    return chosen + list(rest[: limit - len(chosen)])


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
