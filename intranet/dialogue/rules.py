"""Who may do what in the comment area, and on which pages.

"Staff" is any active, logged-in person (everyone with an intranet login works
for the municipality). Comments and reactions are open on live news articles
and case updates without any view restriction: a page restricted in any way
(login, groups or password) is closed, so a comment can never be read or be
notified to someone outside the page's audience.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from intranet.core.models import is_story
from intranet.core.page_access import is_restricted
from intranet.core.roles import COMMUNICATION, EDITORS, group_names

#: About this many comments show under a story before "Vis alle": the newest
#: threads, each whole, until they hold at least this many.
SHOWN_COMMENTS = 10
#: The query string that shows every comment; a link to one comment has it.
SHOW_ALL = "kommentarer=alle"

if TYPE_CHECKING:
    from intranet.dialogue.models import Comment

MODERATOR_GROUPS = (EDITORS, COMMUNICATION)


def edit_window() -> datetime.timedelta:
    return datetime.timedelta(minutes=getattr(settings, "DIALOGUE_EDIT_MINUTES", 15))


def max_length() -> int:
    return getattr(settings, "DIALOGUE_MAX_LENGTH", 2000)


def rate_limit() -> tuple[int, datetime.timedelta]:
    """At most this many comments per person within this period."""
    count = getattr(settings, "DIALOGUE_RATE_LIMIT", 10)
    minutes = getattr(settings, "DIALOGUE_RATE_MINUTES", 10)
    return count, datetime.timedelta(minutes=minutes)


def max_mentions() -> int:
    """At most this many colleagues told about one comment, all edits together."""
    return getattr(settings, "DIALOGUE_MAX_MENTIONS", 10)


def duplicate_window() -> datetime.timedelta:
    return datetime.timedelta(
        seconds=getattr(settings, "DIALOGUE_DUPLICATE_SECONDS", 30)
    )


def is_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_moderator(user) -> bool:
    """Editors, the communication team and superusers moderate comments."""
    if not is_member(user):
        return False
    if user.is_superuser:
        return True
    return not group_names(user).isdisjoint(MODERATOR_GROUPS)


def is_open_page(page: Page) -> bool:
    """A live story without view restrictions (the only pages with dialogue)."""
    return is_story(page) and page.live and not page.expired and not is_restricted(page)


def can_close(page: Page, user, *, owner_ids: set[int] | None = None) -> bool:
    """The story's owners and the moderators turn comments off and on."""
    if not is_member(user):
        return False
    if owner_ids is None:
        owner_ids = page.specific.story_owner_ids()
    return user.pk in owner_ids or is_moderator(user)


def can_edit(comment: Comment, user, *, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        is_member(user)
        and comment.author_id == user.pk
        and not comment.is_deleted
        and not comment.is_hidden
        and now - comment.created_at <= edit_window()
    )


def can_delete(comment: Comment, user) -> bool:
    return is_member(user) and comment.author_id == user.pk and not comment.is_deleted


def can_report(comment: Comment, user) -> bool:
    return (
        is_member(user)
        and comment.author_id != user.pk
        and not comment.is_deleted
        and not comment.is_hidden
    )


def users_who_can_view(page: Page, user_ids: set[int]) -> set[int]:
    """Which of these people may see the page (active; and in its groups when
    restricted to groups). Password-protected pages are seen by nobody here."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q
    from wagtail.models import PageViewRestriction

    if not user_ids:
        return set()
    people = get_user_model().objects.filter(pk__in=user_ids, is_active=True)
    for restriction in page.get_view_restrictions():
        if restriction.restriction_type == PageViewRestriction.PASSWORD:
            return set()
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            people = people.filter(
                Q(is_superuser=True) | Q(groups__in=restriction.groups.all())
            )
    return set(people.values_list("pk", flat=True).distinct())
