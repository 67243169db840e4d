"""Comments and reactions under news articles and case updates.

Comments are plain text: links and @mentions are turned into links when they
are shown (see ``dialogue.text``), never stored or rendered as HTML.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReactionKind(models.TextChoices):
    LIKE = "like", _("Like")
    USEFUL = "useful", _("Useful")
    CONGRATULATIONS = "congrats", _("Congratulations")


REACTION_EMOJI = {
    ReactionKind.LIKE: "👍",
    ReactionKind.USEFUL: "💡",
    ReactionKind.CONGRATULATIONS: "🎉",
}


class Comment(models.Model):
    """A comment on a story, or a reply to one (one level deep)."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="dialogue_comments",
        verbose_name=_("page"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="dialogue_comments",
        verbose_name=_("author"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    # Set by the first report since a moderator last looked at the comment.
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        permissions = [("moderate_comment", _("Can hide and unhide comments"))]
        indexes = [
            models.Index(fields=["page", "created_at"], name="dialogue_comment_page"),
            models.Index(
                fields=["author", "created_at"], name="dialogue_comment_author"
            ),
            models.Index(fields=["reported_at"], name="dialogue_comment_reported"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class CommentReport(models.Model):
    """One person's report of one comment; a person reports a comment once."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("reported"), default=timezone.now)

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="dialogue_report_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reporter_id} → {self.comment_id}"


class Reaction(models.Model):
    """One person's reaction of one kind to a story."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="dialogue_reactions",
        verbose_name=_("page"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="dialogue_reactions",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReactionKind)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "user", "kind"], name="dialogue_reaction_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} on {self.page_id}"


class CommentsClosed(models.Model):
    """Comments are turned off for this one story (reactions stay open)."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="dialogue_closed",
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("closed comments")
        verbose_name_plural = _("closed comments")

    def __str__(self) -> str:
        return f"comments closed on {self.page_id}"


class CommentEdit(models.Model):
    """One change to a comment: edits count towards the writer's rate limit."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="edits")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("edited"), default=timezone.now)

    class Meta:
        verbose_name = _("comment edit")
        verbose_name_plural = _("comment edits")
        indexes = [
            models.Index(fields=["author", "created_at"], name="dialogue_edit_author")
        ]

    def __str__(self) -> str:
        return f"edit of {self.comment_id}"


class CommentMention(models.Model):
    """A colleague a comment has told about a mention: told once per comment,
    however often it is edited."""

    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, related_name="mentions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("comment mention")
        verbose_name_plural = _("comment mentions")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user"], name="dialogue_mention_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.comment_id} → {self.user_id}"
