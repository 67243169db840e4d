"""Thin handlers: Wagtail page signals in, promotion services out."""

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from intranet.promotion import services


def on_page_published(sender, instance: Page, **kwargs) -> None:
    services.promotion_story_published(page=instance)


def on_page_unpublished(sender, instance: Page, **kwargs) -> None:
    services.promotion_withdraw_for_page(page=instance)


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="promotion.published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="promotion.unpublished")
