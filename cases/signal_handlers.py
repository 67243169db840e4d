"""Thin handlers: changes to cases and their updates in, case facts out.

Saves rather than Wagtail's publish signals: publishing and unpublishing save
the page, and so do the ways a live update appears without being published
(a copied case, a page added live by code). A save that names only fields the
facts do not read (a draft revision, say) is skipped.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from cases import services
from cases.models import CASE_OWNERS, CaseOwner, CasePage, CaseUpdatePage
from intranet.core.request_memo import forget

# What a case's facts read from an update, and from the case itself (a full
# save of a case, as on publishing, may write stale facts from a revision).
UPDATE_FIELDS_COUNTED = {"live", "publication_date", "path", "depth"}
CASE_FIELDS_COUNTED = {
    "live",
    "first_published_at",
    "last_update_at",
    "update_count",
    "last_activity_at",
}


def _counts(update_fields, counted: set[str]) -> bool:
    return update_fields is None or not counted.isdisjoint(update_fields)


def on_update_saved(
    sender,
    instance: CaseUpdatePage,
    created=False,
    update_fields=None,
    raw=False,
    **kwargs,
):
    # A raw save (loaddata, a test's serialized rollback) restores rows as they
    # were, facts included, and may hold only this table's half of the page.
    # A new draft counts for nothing until it is published.
    if raw or (created and not instance.live):
        return
    if _counts(update_fields, UPDATE_FIELDS_COUNTED):
        services.case_facts_refresh_at(case_path=_parent_path(instance))


def on_case_saved(sender, instance: CasePage, update_fields=None, raw=False, **kwargs):
    if not raw and _counts(update_fields, CASE_FIELDS_COUNTED):
        services.case_facts_refresh(case=instance)


def on_page_deleted(sender, instance: Page, **kwargs) -> None:
    if instance.content_type_id == _update_type_id():
        services.case_facts_refresh_at(case_path=_parent_path(instance))


def on_page_moved(
    sender, instance: Page, parent_page_before: Page, parent_page_after: Page, **kwargs
) -> None:
    if sender is CaseUpdatePage and parent_page_before.pk != parent_page_after.pk:
        for parent in (parent_page_before, parent_page_after):
            services.case_facts_refresh_at(case_path=parent.path)


def on_view_restriction_changed(
    sender, instance: PageViewRestriction, raw=False, **kwargs
):
    if raw:
        return
    # The page is gone when the restriction goes with it; its deletion counts.
    update = CaseUpdatePage.objects.filter(pk=instance.page_id).only("path").first()
    if update is not None:
        services.case_facts_refresh_at(case_path=_parent_path(update))


def _parent_path(page: Page) -> str:
    return page.path[: -Page.steplen]


def _update_type_id() -> int:
    return ContentType.objects.get_for_model(CaseUpdatePage).pk


def on_owners_changed(sender, **kwargs) -> None:
    """A case's owners changed: what this request read of them is read again."""
    forget(lambda key: isinstance(key, tuple) and key[:1] == (CASE_OWNERS,))


def connect() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            on_owners_changed,
            sender=CaseOwner,
            dispatch_uid=f"cases.owners_changed.{signal is post_save}",
        )
    post_save.connect(
        on_update_saved, sender=CaseUpdatePage, dispatch_uid="cases.update_saved"
    )
    post_save.connect(on_case_saved, sender=CasePage, dispatch_uid="cases.saved")
    # Every page deletion removes its wagtailcore_page row, so sender=Page sees all.
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="cases.deleted")
    post_page_move.connect(on_page_moved, dispatch_uid="cases.update_moved")
    post_save.connect(
        on_view_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="cases.restriction_saved",
    )
    post_delete.connect(
        on_view_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="cases.restriction_deleted",
    )
