"""Reads: the comment area of a story and the counts listings show.

The comment area costs the same number of queries with 0 or 200 comments, and
``counts_for`` two queries for any number of pages. It shows the newest threads
holding about `rules.SHOWN_COMMENTS` comments, so a busy story's page does not grow
with its discussion; "Vis alle" (``?kommentarer=alle``) shows the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.safestring import SafeString
from wagtail.models import Page

from intranet.dialogue import rules
from intranet.dialogue.models import (
    REACTION_EMOJI,
    Comment,
    CommentsClosed,
    Reaction,
    ReactionKind,
)
from intranet.dialogue.services import display_name
from intranet.dialogue.text import mentioned_in, person_url, render_comment


@dataclass(frozen=True)
class StoryCounts:
    comments: int = 0
    reactions: int = 0


def counts_for(page_ids) -> dict[int, StoryCounts]:
    """Visible comments and reactions per page, for listings (two queries)."""
    page_ids = list(page_ids)
    if not page_ids:
        return {}
    comments = dict(
        Comment.objects.filter(page_id__in=page_ids, deleted_at=None, hidden_at=None)
        .values("page_id")
        .annotate(total=Count("pk"))
        .values_list("page_id", "total")
    )
    reactions = dict(
        Reaction.objects.filter(page_id__in=page_ids)
        .values("page_id")
        .annotate(total=Count("pk"))
        .values_list("page_id", "total")
    )
    return {
        page_id: StoryCounts(comments.get(page_id, 0), reactions.get(page_id, 0))
        for page_id in page_ids
    }


@dataclass
class ReactionCount:
    kind: str
    label: str
    emoji: str
    count: int
    mine: bool


@dataclass
class ShownComment:
    """A comment as one viewer sees it."""

    comment: Comment
    author_name: str
    author_url: str = ""
    html: SafeString | str = ""
    state: str = "shown"  # shown | hidden | deleted
    can_edit: bool = False
    can_delete: bool = False
    can_report: bool = False
    can_reply: bool = False
    replies: list[ShownComment] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return self.comment.pk


@dataclass
class CommentArea:
    page: Page
    comments: list[ShownComment]
    count: int
    reactions: list[ReactionCount]
    is_open: bool
    is_closed: bool
    can_write: bool
    can_react: bool
    can_close: bool
    is_moderator: bool
    max_length: int
    closed_reason: str = ""
    #: Comments in the older threads left out until "Vis alle".
    earlier: int = 0
    show_all: bool = False

    @property
    def query(self) -> str:
        """What the area's forms add to their address to come back expanded."""
        return f"?{rules.SHOW_ALL}" if self.show_all else ""


def reaction_counts(*, page: Page, user) -> list[ReactionCount]:
    """The fixed reactions with their counts and whether the person gave them."""
    user_id = getattr(user, "pk", None)
    rows = {
        row["kind"]: row
        for row in Reaction.objects.filter(page_id=page.pk)
        .values("kind")
        .annotate(total=Count("pk"), mine=Count("pk", filter=Q(user_id=user_id)))
    }
    return [
        ReactionCount(
            kind=kind.value,
            label=str(kind.label),
            emoji=REACTION_EMOJI[kind],
            count=rows.get(kind.value, {}).get("total", 0),
            mine=bool(rows.get(kind.value, {}).get("mine", 0)),
        )
        for kind in ReactionKind
    ]


def _people(texts: list[str]) -> dict[str, str]:
    names = mentioned_in(texts)
    if not names:
        return {}
    usernames = (
        get_user_model()
        .objects.annotate(name=Lower("username"))
        .filter(name__in=names, is_active=True)
        .values_list("username", flat=True)
    )
    return {username.lower(): person_url(username) for username in usernames}


def shows_all(request) -> bool:
    """Whether the request asks for every comment ("Vis alle")."""
    name, _, value = rules.SHOW_ALL.partition("=")
    return request.GET.get(name) == value


def _outline(*, page_id: int, show_all: bool) -> tuple[list[int] | None, int, int]:
    """Which comments the area shows, worked out from the comments' ids,
    parents and states alone, so a busy story's older threads are not read
    whole: the ids of the comments in the threads shown (None: every one),
    how many comments the area holds, and how many of those are in older
    threads (behind «Vis eldre kommentarer»).

    A thread is a comment and its replies that are not deleted; a deleted
    comment counts for nothing and disappears unless replies hang under it.
    The newest threads are shown whole until they hold `SHOWN_COMMENTS`."""
    threads: dict[int, list[int]] = {}  # a thread's first comment: its comments
    deleted: set[int] = set()
    rows = (
        Comment.objects.filter(page_id=page_id)
        .order_by("created_at", "pk")
        .values_list("pk", "parent_id", "deleted_at")
    )
    for pk, parent_id, deleted_at in rows:
        if parent_id is None:
            threads[pk] = [pk]
            if deleted_at is not None:
                deleted.add(pk)
        elif parent_id in threads and deleted_at is None:
            threads[parent_id].append(pk)
    sizes = [
        (first, len(ids) - (first in deleted))
        for first, ids in threads.items()
        if first not in deleted or len(ids) > 1
    ]
    count = sum(size for _first, size in sizes)
    if show_all:
        return None, count, 0
    kept = 0
    start = len(sizes)
    while start > 0 and kept < rules.SHOWN_COMMENTS:
        start -= 1
        kept += sizes[start][1]
    shown = [pk for first, _size in sizes[start:] for pk in threads[first]]
    return shown, count, count - kept


def _render_texts(threads: list[ShownComment], *, moderator: bool) -> None:
    """Render the text and the author's link of the comments the person will
    see (only those shown: a busy story's older threads stay behind «Vis
    eldre kommentarer»)."""
    items = [item for thread in threads for item in (thread, *thread.replies)]
    urls: dict[int, str] = {}
    for item in items:
        author = item.comment.author
        if author is not None and author.pk not in urls:
            urls[author.pk] = person_url(author.username) if author.is_active else ""
        item.author_url = urls.get(item.comment.author_id, "")
    readable = [
        item
        for item in items
        if item.state == "shown" or (item.state == "hidden" and moderator)
    ]
    people = _people([item.comment.text for item in readable])
    for item in readable:
        item.html = render_comment(item.comment.text, people=people)


def comment_area(*, page: Page, user, show_all: bool = False) -> CommentArea:
    """Everything the comment area under a story shows to this person: the
    newest threads, or with `show_all` every one."""
    moderator = rules.is_moderator(user)
    is_open = rules.is_open_page(page)
    is_closed = CommentsClosed.objects.filter(page_id=page.pk).exists()
    owner_ids = page.specific.story_owner_ids() if rules.is_member(user) else set()
    can_write = is_open and not is_closed and rules.is_member(user)
    shown_ids, count, earlier = _outline(page_id=page.pk, show_all=show_all)
    rows = Comment.objects.filter(page_id=page.pk)
    if shown_ids is not None:
        rows = rows.filter(pk__in=shown_ids)
    rows = list(rows.select_related("author").order_by("created_at", "pk"))
    now = timezone.now()
    shown: dict[int, ShownComment] = {}
    top: list[ShownComment] = []
    for row in rows:
        item = ShownComment(comment=row, author_name=display_name(row.author))
        if row.is_deleted:
            item.state = "deleted"
        elif row.is_hidden:
            item.state = "hidden"
        if item.state == "shown":
            item.can_edit = can_write and rules.can_edit(row, user, now=now)
            item.can_report = is_open and rules.can_report(row, user)
            item.can_reply = can_write and row.parent_id is None
        item.can_delete = rules.can_delete(row, user)
        if row.parent_id is None:
            shown[row.pk] = item
            top.append(item)
        elif row.parent_id in shown and not row.is_deleted:
            shown[row.parent_id].replies.append(item)
    # A deleted comment disappears, unless replies still hang under it.
    comments = [item for item in top if item.state != "deleted" or item.replies]
    _render_texts(comments, moderator=moderator)
    if not is_open:
        closed_reason = _closed_reason(page)
    elif is_closed:
        closed_reason = "off"
    else:
        closed_reason = ""
    return CommentArea(
        page=page,
        comments=comments,
        count=count,
        reactions=reaction_counts(page=page, user=user),
        is_open=is_open,
        is_closed=is_closed,
        can_write=can_write,
        can_react=is_open and rules.is_member(user),
        can_close=rules.can_close(page, user, owner_ids=owner_ids),
        is_moderator=moderator,
        max_length=rules.max_length(),
        closed_reason=closed_reason,
        earlier=earlier,
        show_all=show_all,
    )


def _closed_reason(page: Page) -> str:
    return "draft" if not page.live or page.expired else "restricted"


def moderation_queue(*, show: str) -> list[Comment]:
    """Reported (not yet looked at) or hidden comments, newest first."""
    queryset = Comment.objects.filter(deleted_at=None).select_related(
        "author", "hidden_by", "page"
    )
    if show == "hidden":
        queryset = queryset.filter(hidden_at__isnull=False).order_by("-hidden_at")
    else:
        queryset = queryset.filter(reported_at__isnull=False).order_by("-reported_at")
    return list(queryset.annotate(report_count=Count("reports"))[:200])
