"""A person's confirmation that they have read a must-read story.

This is the one place the intranet records what a person has read: only for
stories marked "Må leses", and only when the person presses "Jeg har lest".
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Acknowledgement(models.Model):
    """One person has read one must-read story; a second press keeps the first."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="acknowledgements",
        verbose_name=_("person"),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("story"),
    )
    acknowledged_at = models.DateTimeField(_("read"), auto_now_add=True)

    class Meta:
        verbose_name = _("read confirmation")
        verbose_name_plural = _("read confirmations")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "user"], name="reach_acknowledgement_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.page_id}"
