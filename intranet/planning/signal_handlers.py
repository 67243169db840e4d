"""Thin handlers: Wagtail page signals in, planning services out."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from cases.models import CasePage
from intranet.core.services import content_version_bump
from intranet.planning import services
from intranet.planning.models import PLAN_SCOPE, CommunicationActivity


def on_page_published(sender, instance: Page, **kwargs) -> None:
    services.activities_page_published(page=instance)


def on_case_withdrawn(sender, instance: CasePage, **kwargs) -> None:
    services.activities_case_withdrawn(case=instance)


def on_activity_changed(sender, action: str | None = None, **kwargs) -> None:
    """An activity was saved, deleted or given other owners: the rendered
    plan pages kept under the content version are read again. (Owners
    change in two steps, ``pre_`` and ``post_``: once, after.)"""
    if action is None or action.startswith("post_"):
        content_version_bump(scopes=[PLAN_SCOPE])


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            on_activity_changed,
            sender=CommunicationActivity,
            dispatch_uid=f"planning.activity_changed.{signal is post_save}",
        )
    m2m_changed.connect(
        on_activity_changed,
        sender=CommunicationActivity.owners.through,
        dispatch_uid="planning.activity_owners_changed",
    )
    page_published.connect(on_page_published, dispatch_uid="planning.published")
    # Before a deletion: afterwards the activities no longer point at the case.
    for signal in (page_unpublished, pre_delete):
        signal.connect(
            on_case_withdrawn,
            sender=CasePage,
            dispatch_uid="planning.case_withdrawn",
        )
