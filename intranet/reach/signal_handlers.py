"""Thin handlers: Wagtail's page signals in, reach services out."""

from django.db import transaction
from wagtail.models import Page
from wagtail.signals import page_published

from intranet.reach import services


def on_page_published(sender, instance: Page, **kwargs) -> None:
    # Told after the commit, from what is live then: a rolled-back publish
    # tells nobody, and a story published and unpublished at once neither.
    if getattr(instance, "must_read_until", None) is not None:
        page_id = instance.pk
        transaction.on_commit(lambda: services.mustread_announce(page_id=page_id))


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="reach.published")
