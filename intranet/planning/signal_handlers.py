"""Thin handlers: Wagtail page signals in, planning services out."""

from wagtail.models import Page
from wagtail.signals import page_published

from intranet.planning import services


def on_page_published(sender, instance: Page, **kwargs) -> None:
    services.activities_page_published(page=instance)


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="planning.published")
