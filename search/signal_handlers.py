"""Thin handlers: Wagtail and Django signals in, search services out."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_save,
)
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

from intranet.core.models import Topic, Unit
from search import services, signals
from search.best_bets import best_bet_table_forget
from search.models import BestBet, SynonymGroup
from search.searchable import is_searchable
from search.synonyms import synonym_table_forget


def on_page_published(sender, instance: Page, **kwargs) -> None:
    if is_searchable(instance):
        services.page_published_index(page_id=instance.pk)


def on_page_unpublished(sender, instance: Page, **kwargs) -> None:
    if is_searchable(instance):
        services.remove_page(instance.pk)


def on_page_deleted(sender, instance: Page, **kwargs) -> None:
    if is_searchable(instance):
        services.remove_deleted_page(instance.pk)


def on_page_moved(
    sender, instance: Page, url_path_before: str, url_path_after: str, **kwargs
) -> None:
    # Reordering pages under the same parent changes nothing search shows.
    if url_path_before != url_path_after:
        services.index_subtree(instance)


def on_view_restriction_changed(
    sender, instance: PageViewRestriction, raw=False, **kwargs
):
    # A raw save (loaddata) restores rows whose search entries are restored too.
    if (
        not raw
        and instance.page_id
        and Page.objects.filter(pk=instance.page_id).exists()
    ):
        services.index_subtree(instance.page)


def on_view_restriction_groups_changed(
    sender, instance, action: str, reverse: bool, **kwargs
) -> None:
    if action in {"post_add", "post_remove", "post_clear"} and not reverse:
        on_view_restriction_changed(sender, instance)


# Saves that only record what Wagtail computed of the file change nothing found.
FILE_METADATA = frozenset({"file_hash", "file_size"})


def on_file_saving(sender, instance: Model, raw: bool = False, **kwargs) -> None:
    # The file as stored before the save: an edit that keeps it (a new title,
    # another collection) does not read it again.
    if not raw and instance.pk:
        instance._search_file_stored = (
            type(instance)
            ._base_manager.filter(pk=instance.pk)
            .values_list("file", "file_hash")
            .first()
        )


def on_file_saved(
    sender, instance: Model, raw: bool = False, update_fields=None, **kwargs
) -> None:
    stored = instance.__dict__.pop("_search_file_stored", None)
    if raw or (update_fields and set(update_fields) <= FILE_METADATA):
        return
    services.file_index(
        document_pk=instance.pk,
        file_changed=stored != (instance.file.name, instance.file_hash),
    )


def on_file_deleted(sender, instance: Model, **kwargs) -> None:
    services.file_remove(document_pk=instance.pk)


def on_collection_restriction_changed(
    sender, instance: CollectionViewRestriction, raw: bool = False, **kwargs
) -> None:
    if (
        not raw
        and instance.collection_id
        and Collection.objects.filter(pk=instance.collection_id).exists()
    ):
        services.collection_files_reindex(collection=instance.collection)


def on_collection_restriction_groups_changed(
    sender, instance, action: str, reverse: bool, **kwargs
) -> None:
    if action in {"post_add", "post_remove", "post_clear"} and not reverse:
        on_collection_restriction_changed(sender, instance)


def on_vocabulary_saving(
    sender, instance: Model, raw: bool = False, update_fields=None, **kwargs
) -> None:
    # Read before the save what documents copy, to compare after it.
    if not raw:
        instance._search_vocabulary_stored = services.vocabulary_stored(
            instance=instance, update_fields=update_fields
        )


def on_vocabulary_saved(sender, instance: Model, raw: bool = False, **kwargs) -> None:
    stored = instance.__dict__.pop("_search_vocabulary_stored", None)
    if not raw:
        services.vocabulary_changed_reindex(instance=instance, stored=stored)


def on_vocabulary_deleted(sender, instance: Model, **kwargs) -> None:
    services.vocabulary_deleted_reindex(instance=instance)


# Forgotten now and again after the commit: a search in between must not keep
# the table as it was before the commit.
def on_synonyms_changed(sender, **kwargs) -> None:
    synonym_table_forget()
    transaction.on_commit(_synonyms_changed_after_commit)


def _synonyms_changed_after_commit() -> None:
    synonym_table_forget()
    signals.synonyms_changed.send(sender=SynonymGroup)


def on_best_bets_changed(sender, **kwargs) -> None:
    best_bet_table_forget()
    transaction.on_commit(best_bet_table_forget)


def connect() -> None:
    page_published.connect(on_page_published, dispatch_uid="search.published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search.unpublished")
    # Every page deletion removes its wagtailcore_page row, so sender=Page sees all.
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="search.deleted")
    post_page_move.connect(on_page_moved, dispatch_uid="search.moved")
    post_save.connect(
        on_view_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="search.restriction_saved",
    )
    post_delete.connect(
        on_view_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="search.restriction_deleted",
    )
    m2m_changed.connect(
        on_view_restriction_groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="search.restriction_groups",
    )
    for model in (Unit, Topic, get_user_model()):
        uid = f"search.vocabulary.{model._meta.label_lower}"
        pre_save.connect(on_vocabulary_saving, sender=model, dispatch_uid=f"{uid}.pre")
        post_save.connect(on_vocabulary_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(
            on_vocabulary_deleted, sender=model, dispatch_uid=f"{uid}.deleted"
        )
    document_model = get_document_model()
    pre_save.connect(
        on_file_saving, sender=document_model, dispatch_uid="search.file_saving"
    )
    post_save.connect(on_file_saved, sender=document_model, dispatch_uid="search.file")
    post_delete.connect(
        on_file_deleted, sender=document_model, dispatch_uid="search.file_deleted"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            on_collection_restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"search.collection_restriction.{signal is post_save}",
        )
    m2m_changed.connect(
        on_collection_restriction_groups_changed,
        sender=CollectionViewRestriction.groups.through,
        dispatch_uid="search.collection_restriction_groups",
    )
    for signal in (post_save, post_delete):
        name = "saved" if signal is post_save else "deleted"
        signal.connect(
            on_synonyms_changed,
            sender=SynonymGroup,
            dispatch_uid=f"search.synonyms.{name}",
        )
        signal.connect(
            on_best_bets_changed,
            sender=BestBet,
            dispatch_uid=f"search.best_bets.{name}",
        )
