"""Thin handlers: Wagtail page signals in, promotion services out."""

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from intranet.promotion import services


def on_page_published(sender, instance: Page, **kwargs) -> None:
    services.promotion_story_published(page=instance)
    # Scored at once (a few milliseconds), so the composer can ask the author
    # about a likely example right after publishing; the nightly training
    # scores every story again.
    services.radar_score_story(page=instance)


def on_page_unpublished(sender, instance: Page, **kwargs) -> None:
    services.promotion_withdraw_for_page(page=instance)
    services.radar_forget(page_id=instance.pk)


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="promotion.published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="promotion.unpublished")
