"""Reads for the core app: the content version."""

from intranet.core.models import ContentVersion


def content_version() -> int:
    """The current content version: part of the key of shared cached fragments."""
    value = ContentVersion.objects.filter(pk=1).values_list("value", flat=True).first()
    return value or 0
