"""Writes: comments, replies, reactions, moderation and closing comments.

Every refusal raises ``DialogueRefused`` with a message for the person; views
show it as a message (or a 400/403 for scripts) and nothing is written.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail.models import Page

from intranet.core.models import is_story
from intranet.dialogue import rules
from intranet.dialogue.models import (
    Comment,
    CommentEdit,
    CommentMention,
    CommentReport,
    CommentsClosed,
    Reaction,
    ReactionKind,
)
from intranet.dialogue.text import mentioned_usernames
from intranet.subscriptions.models import Notification, NotificationKind
from intranet.subscriptions.services import notifications_send

NOT_A_STORY = gettext_lazy(
    "Only stories, such as news articles and case updates, have comments and reactions."
)


class DialogueRefused(Exception):
    """A refused action, with a message the person can act on.

    ``forbidden`` marks a refusal of who is asking (403), not of what was sent.
    """

    def __init__(self, message: str, *, forbidden: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.forbidden = forbidden


def display_name(user: AbstractBaseUser | None) -> str:
    if user is None:
        return _("Former employee")
    return user.get_full_name() or user.get_username()


def _check_open(page: Page, user: AbstractBaseUser, *, for_comments: bool) -> None:
    if not rules.is_member(user):
        raise DialogueRefused(_("Log in to take part."), forbidden=True)
    if not is_story(page):
        raise DialogueRefused(str(NOT_A_STORY))
    if not rules.is_open_page(page):
        raise DialogueRefused(
            _("Comments and reactions are closed on this page."), forbidden=True
        )
    if for_comments and CommentsClosed.objects.filter(page_id=page.pk).exists():
        raise DialogueRefused(_("Comments are turned off for this story."))


def _clean_text(text: str) -> str:
    # NUL is refused by PostgreSQL; Windows line ends would count twice.
    text = (text or "").replace("\x00", "").replace("\r\n", "\n").strip()
    if not text:
        raise DialogueRefused(_("Write something before you publish the comment."))
    limit = rules.max_length()
    if len(text) > limit:
        raise DialogueRefused(
            _(
                "The comment is %(length)d characters long. Shorten it to at most "
                "%(limit)d characters."
            )
            % {"length": len(text), "limit": limit}
        )
    return text


def _url(page: Page, comment: Comment) -> str:
    # Every comment is shown at this address, however old its thread.
    return f"{page.get_url() or ''}?{rules.SHOW_ALL}#comment-{comment.pk}"


def _mentioned_ids(text: str) -> set[int]:
    names = mentioned_usernames(text)
    if not names:
        return set()
    return set(
        get_user_model()
        .objects.annotate(name=Lower("username"))
        .filter(name__in=names, is_active=True)
        .values_list("pk", flat=True)
    )


def _check_mentions(text: str, *, comment: Comment | None = None) -> None:
    """A comment mentions at most ``rules.max_mentions()`` colleagues, counting
    everyone its earlier versions already told."""
    limit = rules.max_mentions()
    told = set(comment.mentions.values_list("user_id", flat=True)) if comment else set()
    if len(mentioned_usernames(text)) > limit or (
        told and len(told | _mentioned_ids(text)) > limit
    ):
        raise DialogueRefused(
            _(
                "A comment can mention at most %(limit)d colleagues, earlier "
                "versions of it included. Remove some @mentions."
            )
            % {"limit": limit}
        )


def _check_rate(author: AbstractBaseUser, *, now) -> None:
    """New comments and edits together: at most ``rules.rate_limit()``.

    The person's row is locked first, so the count holds under concurrent
    requests too."""
    get_user_model().objects.select_for_update().filter(pk=author.pk).first()
    limit, period = rules.rate_limit()
    since = now - period
    written = Comment.objects.filter(author=author, created_at__gte=since).count()
    edited = CommentEdit.objects.filter(author=author, created_at__gte=since).count()
    if written + edited >= limit:
        raise DialogueRefused(
            _(
                "You have written or changed %(count)d comments in the last "
                "%(minutes)d minutes. Wait a little before you write more."
            )
            % {"count": limit, "minutes": int(period.total_seconds() // 60)}
        )


def _notify(
    *, comment: Comment, page: Page, actor: AbstractBaseUser, new: bool
) -> None:
    """Tell the mentioned, the thread and the story's owners, once each.

    Every notification about one comment shares its key, so a person who is
    both mentioned and an owner (or the replied-to author) hears once, and
    the most personal reason wins: mention, then reply, then comment.
    """
    name = display_name(actor)
    common = {
        "key": f"comment:{comment.pk}",
        "url": _url(page, comment),
        "intro": Truncator(comment.text).chars(200),
        "page_id": page.pk,
        "actor_id": actor.pk,
    }
    title = page.title
    # Told once per comment: an edit tells only people no version told before.
    already = set(comment.mentions.values_list("user_id", flat=True))
    mentioned = (
        rules.users_who_can_view(page, _mentioned_ids(comment.text)) - already
    ) - {actor.pk}
    CommentMention.objects.bulk_create(
        [CommentMention(comment=comment, user_id=user_id) for user_id in mentioned],
        ignore_conflicts=True,
    )
    notifications_send(
        user_ids=mentioned,
        kind=NotificationKind.MENTION,
        title=_("%(name)s mentioned you in a comment on “%(title)s”")
        % {"name": name, "title": title},
        **common,
    )
    if not new:
        return
    if comment.parent_id:
        thread = {comment.parent.author_id} | set(
            Comment.objects.filter(parent_id=comment.parent_id, deleted_at=None)
            .exclude(author=None)
            .values_list("author_id", flat=True)
        )
        notifications_send(
            user_ids=rules.users_who_can_view(page, thread - {None}),
            kind=NotificationKind.REPLY,
            title=_("%(name)s replied to a comment on “%(title)s”")
            % {"name": name, "title": title},
            **common,
        )
    notifications_send(
        user_ids=rules.users_who_can_view(page, page.specific.story_owner_ids()),
        kind=NotificationKind.COMMENT,
        title=_("%(name)s commented on “%(title)s”") % {"name": name, "title": title},
        **common,
    )


def _withdraw_notifications(comment: Comment) -> None:
    """Take back unread notifications about a comment nobody can read now."""
    Notification.objects.filter(
        key=f"comment:{comment.pk}", read_at__isnull=True
    ).delete()


@transaction.atomic
def comment_create(
    *,
    page: Page,
    author: AbstractBaseUser,
    text: str,
    parent_id: int | None = None,
) -> Comment:
    """Publish a comment (or a reply) on a story and notify those concerned.

    The same text sent twice within a few seconds (a double click, a resent
    form) returns the first comment instead of a copy.
    """
    _check_open(page, author, for_comments=True)
    text = _clean_text(text)
    parent = None
    if parent_id is not None:
        parent = (
            Comment.objects.select_related("author")
            .filter(pk=parent_id, page_id=page.pk, deleted_at=None)
            .first()
        )
        if parent is None:
            raise DialogueRefused(_("The comment you replied to no longer exists."))
        if parent.parent_id is not None:
            raise DialogueRefused(
                _(
                    "You can reply to a comment, but not to a reply. Reply to the "
                    "comment above instead."
                )
            )
        if parent.is_hidden:
            raise DialogueRefused(_("You cannot reply to a hidden comment."))
    _check_mentions(text)
    # One person's comments are written one at a time, so the rate limit and
    # the double-submit check hold under concurrent requests too.
    get_user_model().objects.select_for_update().filter(pk=author.pk).first()
    now = timezone.now()
    duplicate = Comment.objects.filter(
        page_id=page.pk,
        author=author,
        parent=parent,
        text=text,
        deleted_at=None,
        created_at__gte=now - rules.duplicate_window(),
    ).first()
    if duplicate is not None:
        return duplicate
    _check_rate(author, now=now)
    comment = Comment.objects.create(
        page_id=page.pk, author=author, parent=parent, text=text, created_at=now
    )
    _notify(comment=comment, page=page, actor=author, new=True)
    return comment


@transaction.atomic
def comment_edit(*, comment: Comment, user: AbstractBaseUser, text: str) -> Comment:
    """Change one's own comment within the edit window; colleagues mentioned
    for the first time are told. Edits count towards the rate limit."""
    if comment.author_id != getattr(user, "pk", None) or not rules.is_member(user):
        raise DialogueRefused(
            _("You can only change your own comments."), forbidden=True
        )
    if not rules.can_edit(comment, user):
        raise DialogueRefused(
            _("Comments can only be changed in the first %(minutes)d minutes.")
            % {"minutes": int(rules.edit_window().total_seconds() // 60)}
        )
    page = comment.page
    _check_open(page, user, for_comments=True)
    text = _clean_text(text)
    if text != comment.text:
        _check_mentions(text, comment=comment)
        now = timezone.now()
        _check_rate(user, now=now)
        CommentEdit.objects.create(comment=comment, author=user, created_at=now)
        comment.text = text
        comment.edited_at = now
        comment.save(update_fields=["text", "edited_at"])
        _notify(comment=comment, page=page, actor=user, new=False)
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, user: AbstractBaseUser) -> Comment:
    """Delete one's own comment. A comment with replies leaves a marker, so
    the replies keep their place."""
    if not rules.can_delete(comment, user):
        raise DialogueRefused(
            _("You can only delete your own comments."), forbidden=True
        )
    comment.deleted_at = timezone.now()
    comment.save(update_fields=["deleted_at"])
    _withdraw_notifications(comment)
    return comment


def _check_moderator(user: AbstractBaseUser) -> None:
    if not rules.is_moderator(user):
        raise DialogueRefused(
            _("Only editors and the communication team moderate comments."),
            forbidden=True,
        )


@transaction.atomic
def comment_hide(*, comment: Comment, user: AbstractBaseUser, reason: str) -> Comment:
    """Hide a comment with a reason; it shows as hidden by the editors."""
    _check_moderator(user)
    reason = " ".join((reason or "").split())
    if not reason:
        raise DialogueRefused(_("Give a reason for hiding the comment."))
    if len(reason) > 300:
        raise DialogueRefused(_("Keep the reason under 300 characters."))
    if comment.is_deleted:
        raise DialogueRefused(_("The comment has been deleted."))
    comment.hidden_at = timezone.now()
    comment.hidden_by = user
    comment.hidden_reason = reason
    comment.reported_at = None
    comment.save(
        update_fields=["hidden_at", "hidden_by", "hidden_reason", "reported_at"]
    )
    _withdraw_notifications(comment)
    log(comment, "dialogue.comment.hide", user=user, data={"reason": reason})
    return comment


@transaction.atomic
def comment_unhide(*, comment: Comment, user: AbstractBaseUser) -> Comment:
    _check_moderator(user)
    if not comment.is_hidden:
        return comment
    comment.hidden_at = None
    comment.hidden_by = None
    comment.hidden_reason = ""
    comment.reported_at = None
    comment.save(
        update_fields=["hidden_at", "hidden_by", "hidden_reason", "reported_at"]
    )
    log(comment, "dialogue.comment.unhide", user=user)
    return comment


@transaction.atomic
def comment_report(*, comment: Comment, user: AbstractBaseUser) -> bool:
    """Queue a colleague's comment for the moderators. Returns False when the
    person had already reported it."""
    if comment.author_id == getattr(user, "pk", None):
        raise DialogueRefused(_("You cannot report your own comment."))
    if not rules.can_report(comment, user):
        raise DialogueRefused(_("This comment can no longer be reported."))
    _check_open(comment.page, user, for_comments=False)
    try:
        with transaction.atomic():
            CommentReport.objects.create(comment=comment, reporter=user)
    except IntegrityError:
        return False
    if comment.reported_at is None:
        comment.reported_at = timezone.now()
        comment.save(update_fields=["reported_at"])
    log(comment, "dialogue.comment.report", user=user)
    return True


@transaction.atomic
def comment_report_dismiss(*, comment: Comment, user: AbstractBaseUser) -> Comment:
    """The moderators looked at a reported comment and leave it up."""
    _check_moderator(user)
    comment.reported_at = None
    comment.save(update_fields=["reported_at"])
    log(comment, "dialogue.comment.dismiss", user=user)
    return comment


@transaction.atomic
def reaction_toggle(*, page: Page, user: AbstractBaseUser, kind: str) -> bool:
    """Add the person's reaction of this kind, or take it back. Returns True
    when the reaction is now there."""
    if kind not in ReactionKind.values:
        raise DialogueRefused(_("That reaction does not exist."))
    _check_open(page, user, for_comments=False)
    deleted, _rows = Reaction.objects.filter(
        page_id=page.pk, user=user, kind=kind
    ).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(page_id=page.pk, user=user, kind=kind)
    except IntegrityError:
        pass  # a simultaneous click already added it
    return True


@transaction.atomic
def comments_set_closed(*, page: Page, user: AbstractBaseUser, closed: bool) -> bool:
    """Turn comments off (or on again) for one story. Returns the new state."""
    if not is_story(page):
        raise DialogueRefused(str(NOT_A_STORY))
    if not rules.can_close(page, user):
        raise DialogueRefused(
            _("Only the story's owners and the editors can turn comments off."),
            forbidden=True,
        )
    if closed:
        _row, created = CommentsClosed.objects.get_or_create(
            page_id=page.pk, defaults={"closed_by": user}
        )
        if created:
            log(page, "dialogue.comments.close", user=user)
    elif CommentsClosed.objects.filter(page_id=page.pk).delete()[0]:
        log(page, "dialogue.comments.open", user=user)
    return closed
