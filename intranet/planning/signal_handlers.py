"""Thin handlers: Wagtail page signals in, planning services out."""

from django.db.models.signals import pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from cases.models import CasePage
from intranet.planning import services


def on_page_published(sender, instance: Page, **kwargs) -> None:
    services.activities_page_published(page=instance)


def on_case_withdrawn(sender, instance: CasePage, **kwargs) -> None:
    services.activities_case_withdrawn(case=instance)


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="planning.published")
    # Before a deletion: afterwards the activities no longer point at the case.
    for signal in (page_unpublished, pre_delete):
        signal.connect(
            on_case_withdrawn,
            sender=CasePage,
            dispatch_uid="planning.case_withdrawn",
        )
