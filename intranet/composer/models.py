"""What the composer remembers: which press of *Publiser* made which page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    """One sending of a composer form, so a double-click publishes once.

    The form carries a fresh token; the first request to save with it inserts
    this row in the same transaction as the page. A second request with the
    same token hits the unique token and is sent to the page the first made.
    """

    token = models.UUIDField(_("token"), unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("composer submission")
        verbose_name_plural = _("composer submissions")

    def __str__(self) -> str:
        return str(self.token)
