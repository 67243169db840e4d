"""Writes to the search indexes.

The database index is always kept, inside the caller's transaction: it is the
fallback when Elasticsearch is down and it is what subscriptions match against.
When Elasticsearch is the active engine it is updated after the commit; an
update that fails is recorded in ``PendingIndexUpdate`` and retried by
``manage.py search_retry``, so publishing never fails because of search.
"""

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from functools import partial
from itertools import chain
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model, Q
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from intranet.core import processes
from intranet.core.selectors import content_version_now
from intranet.core.services import content_version_bump
from search import signals
from search.backends import database_backend, get_backend
from search.backends.base import SearchBackend, SearchUnavailable
from search.backends.database import document_of, refresh_statistics
from search.documents import (
    BATCH_SIZE,
    DocumentBuilder,
    SearchDocument,
    ViewRestrictions,
    copied_by_related,
    documents_for_files,
    documents_for_pages,
    file_pk,
    file_search_id,
    findable_restriction,
    is_file_search_id,
    retitled_case,
    with_case_title,
)
from search.models import IndexEntry, IndexTerm, PendingIndexUpdate
from search.searchable import searchable_models

logger = logging.getLogger(__name__)


#: The content version scope of the uploaded documents search finds: no
#: story list or card shows them, so uploading one keeps those (the kept
#: searches follow the whole version and are read again).
DOCUMENTS_SCOPE = "documents"


def _found_changed(*, scopes: tuple[str, ...] = ()) -> None:
    """What search finds changed without a page's save to say so (an uploaded
    document, a person's new name, a page taken out after its transaction):
    kept searches and counts are read again (`search.backends.kept`)."""
    content_version_bump(scopes=scopes)


def _documents_changed() -> None:
    _found_changed(scopes=(DOCUMENTS_SCOPE,))


def _engine() -> SearchBackend | None:
    """The active engine when it is not the database itself."""
    backend = get_backend()
    return None if backend.name == "database" else backend


def _sync_engine_later(page_ids: list[int]) -> None:
    if not page_ids or _engine() is None:
        return
    transaction.on_commit(lambda: engine_pages_sync(page_ids=page_ids))


def engine_pages_sync(*, page_ids: list[int]) -> int:
    """Send the current state of pages to the active engine; return failures.

    A page that is gone or must not be found is removed. Failures are recorded
    as ``PendingIndexUpdate`` rows instead of raised.
    """
    engine = _engine()
    if engine is None:
        return 0
    documents, gone = [], []
    files = [file_pk(page_id) for page_id in page_ids if is_file_search_id(page_id)]
    pages = [page_id for page_id in page_ids if not is_file_search_id(page_id)]
    built = chain(documents_for_pages(pages), documents_for_files(files))
    for page_id, document in built:
        if document is None:
            gone.append(page_id)
        else:
            documents.append(document)
    try:
        if documents:
            engine.index(documents)
        if gone:
            engine.remove(gone)
    except SearchUnavailable as exc:
        logger.warning("Search engine update failed for pages %s: %s", page_ids, exc)
        for page_id in page_ids:
            pending_index_update_record(page_id=page_id, error=str(exc))
        return len(page_ids)
    if _rebuild_running(engine):
        # The rebuild may have built these documents before this change and
        # write them after it: ``rebuild`` sends them again after its swap.
        for page_id in page_ids:
            pending_index_update_record(page_id=page_id, error=CHANGED_IN_REBUILD)
        return 0
    PendingIndexUpdate.objects.filter(page_id__in=page_ids).delete()
    return 0


CHANGED_IN_REBUILD = "Changed while the engine's index was being rebuilt."


def _rebuild_running(engine: SearchBackend) -> bool:
    try:
        return engine.rebuild_running()
    except SearchUnavailable:
        return True  # replaying a page costs little; resurrecting one does not


def pending_index_update_record(*, page_id: int, error: str) -> PendingIndexUpdate:
    """Remember that a page's index update must be sent again."""
    pending, _created = PendingIndexUpdate.objects.get_or_create(page_id=page_id)
    pending.attempts += 1
    pending.last_error = error[:2000]
    pending.save(update_fields=["attempts", "last_error", "updated_at"])
    return pending


def pending_index_updates_retry(*, limit: int = 1000) -> tuple[int, int]:
    """Send pending updates to the engine again; return (sent, still failing)."""
    page_ids = list(
        PendingIndexUpdate.objects.values_list("page_id", flat=True)[:limit]
    )
    if not page_ids:
        return 0, 0
    if _engine() is None:
        # The database index is written synchronously; nothing left to send.
        PendingIndexUpdate.objects.filter(page_id__in=page_ids).delete()
        return len(page_ids), 0
    failed = engine_pages_sync(page_ids=page_ids)
    return len(page_ids) - failed, failed


def index_page(
    page: Page, *, builder: DocumentBuilder | None = None
) -> SearchDocument | None:
    """Index a page, or remove it from search when it must not be found.

    Documents built partly from this page (a case's updates and the news about
    it carry the case's title and owners) are rewritten too, in the same write,
    when what they copy from it changed: given the new title when only the
    title changed, rebuilt from their pages otherwise. What did not change is
    not written again. Returns the document that was indexed, or None.
    """
    page = page.specific
    builder = builder or DocumentBuilder()
    builder.remember(page)  # the parent of the case's updates
    document = builder.document(page)
    stored = _stored_documents(Q(page_id=page.pk))
    before = stored.get(page.pk)
    documents = [document] if document is not None else []
    removed = [] if document is not None else [page.pk]
    if copied_by_related(before) != copied_by_related(document):
        related = _stored_documents(Q(case_id=page.pk) & ~Q(page_id=page.pk))
        stored.update(related)
        if retitled_case(before, document):
            documents += [
                with_case_title(other, document.title) for other in related.values()
            ]
        else:
            for page_id, other in builder.documents(list(related)):
                if other is None:
                    removed.append(page_id)
                else:
                    documents.append(other)
    _write(documents, removed, stored=stored)
    if document is not None:
        signals.document_indexed.send(sender=Page, page=page, document=document)
    return document


def _stored_documents(condition: Q) -> dict[int, SearchDocument]:
    """The documents the database index holds, by page id."""
    return {
        entry.page_id: document_of(entry)
        for entry in IndexEntry.objects.filter(condition)
    }


def _write(
    documents: list[SearchDocument],
    removed: list[int],
    *,
    stored: dict[int, SearchDocument] | None = None,
) -> None:
    """Index documents and remove pages, in the database now and in the engine
    after the commit; tell whoever keeps copies of documents (``search.signals``)."""
    database_backend().index(documents, stored=stored)
    database_backend().remove(removed)
    _sync_engine_later([document.id for document in documents] + removed)
    signals.documents_written.send(sender=Page, documents=documents, removed=removed)


def page_published_index(*, page_id: int) -> SearchDocument | None:
    """Index a page that was just published and tell its subscribers.

    The index entry, the subscription match and the notification rows are one
    atomic step, built from the page as the database holds it (row locked), not
    from a copy in memory that may be out of date. When the publish is part of
    a longer transaction, the page is checked again once that transaction has
    committed (``page_search_recheck``), so what search shows and who is told
    follow what is live after the commit. On its own, the step's commit is the
    publish's: what it read is what is live.
    """
    in_longer_transaction = transaction.get_connection().in_atomic_block
    # One step with the caller's transaction when there is one: no savepoint.
    with transaction.atomic(savepoint=False):
        builder = DocumentBuilder()
        page = _stored_page(page_id, builder=builder)
        document = index_page(page, builder=builder) if page is not None else None
    if in_longer_transaction:
        transaction.on_commit(lambda: page_search_recheck(page_id=page_id))
    return document


def page_search_recheck(*, page_id: int) -> bool:
    """Take a page out of search, and its notifications back, unless it may be
    found as it is stored now. Returns True when it was taken out."""
    with transaction.atomic():
        page = Page.objects.select_for_update().filter(pk=page_id).first()
        if page is not None and findable_restriction(
            page, restrictions=ViewRestrictions()
        ):
            return False
        remove_page(page_id)
        _found_changed()
    return True


def _stored_page(
    page_id: int, *, builder: DocumentBuilder | None = None
) -> Page | None:
    """The page as the database holds it, row locked, with what search reads."""
    rows = list(
        Page.objects.select_for_update()
        .filter(pk=page_id)
        .values_list("pk", "content_type_id")
    )
    if not rows:
        return None
    page = (builder or DocumentBuilder()).load(rows).get(page_id)
    return page if page is not None else Page.objects.get(pk=page_id).specific


def index_subtree(page: Page) -> int:
    """Re-index a page and its descendants (after a move or a privacy change),
    and the documents elsewhere that copy from them (news about a case)."""
    models = searchable_models()
    if not models:
        return 0
    page_ids = list(
        Page.objects.descendant_of(page, inclusive=True)
        .exact_type(*models)
        .filter(depth__gt=1)
        .order_by("path")
        .values_list("pk", flat=True)
    )
    related = (
        IndexEntry.objects.filter(case_id__in=page_ids)
        .exclude(page_id__in=page_ids)
        .values_list("page_id", flat=True)
    )
    return _index_pages([*page_ids, *related])


def index_case_documents(
    *, case_id: int, builder: DocumentBuilder | None = None
) -> int:
    """Rebuild the documents that belong to a case, other than the case's own.

    The database index says which they are, so this also works after the case
    is gone (news about a deleted case then lose the case).
    """
    page_ids = list(
        IndexEntry.objects.filter(case_id=case_id)
        .exclude(page_id=case_id)
        .values_list("page_id", flat=True)
    )
    if not page_ids:
        return 0
    return _index_pages(page_ids, builder=builder)


def _index_pages(page_ids: list[int], *, builder: DocumentBuilder | None = None) -> int:
    """Index pages in bulk; those search must not find (or gone) are removed."""
    documents, removed = [], []
    for page_id, document in (builder or DocumentBuilder()).documents(page_ids):
        if document is None:
            removed.append(page_id)
        else:
            documents.append(document)
    _write(documents, removed)
    return len(documents)


def remove_page(page_id: int) -> None:
    """Take a page out of search (unpublished, deleted or now private)."""
    remove_pages([page_id])


def remove_pages(page_ids: list[int]) -> None:
    _write([], page_ids)


def remove_deleted_page(page_id: int) -> None:
    """Take a deleted page out of search, and out of the documents about it."""
    remove_page(page_id)
    index_case_documents(case_id=page_id)


def indexable_documents() -> Iterator[SearchDocument]:
    """Documents for every live page search may find, built in bulk."""
    models = searchable_models()
    if not models:
        return
    page_ids = list(
        Page.objects.live()
        .exact_type(*models)
        .filter(depth__gt=1)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for _page_id, document in documents_for_pages(page_ids):
        if document is not None:
            yield document
    yield from indexable_file_documents()


def indexable_file_documents() -> Iterator[SearchDocument]:
    """Documents for every uploaded document search may find."""
    document_pks = (
        get_document_model().objects.order_by("pk").values_list("pk", flat=True)
    )
    for _search_id, document in documents_for_files(list(document_pks)):
        if document is not None:
            yield document


def indexable_page_count() -> int:
    """How many documents a rebuild reads: live pages and uploaded documents."""
    models = searchable_models()
    pages = (
        Page.objects.live().exact_type(*models).filter(depth__gt=1).count()
        if models
        else 0
    )
    return pages + get_document_model().objects.count()


def rebuild(
    *,
    progress: Callable[[str, int], None] | None = None,
    workers: int | None = None,
) -> dict[str, int]:
    """Rebuild the database index and, when active, the engine's index.

    ``progress(backend_name, documents_done)`` is called after each batch;
    ``workers``: see ``database_rebuild``. Returns the number of documents
    per backend.
    """
    started = timezone.now()

    def report_database(done: int) -> None:
        if progress:
            progress("database", done)

    counts = {
        "database": database_rebuild(progress=report_database, workers=workers)
        + database_files_rebuild(progress=report_database)
    }
    if (engine := _engine()) is not None:

        def report(done: int, name: str = engine.name) -> None:
            if progress:
                progress(name, done)

        counts[engine.name] = engine.rebuild(indexable_documents(), progress=report)
        _replay_changed_since(started)
    PendingIndexUpdate.objects.filter(updated_at__lt=started).delete()
    # What was counted or cached from the old index is read again.
    content_version_bump()
    return counts


def _replay_changed_since(started) -> None:
    """Send pages changed during an engine rebuild again, after its swap.

    A page deleted or made private while the rebuild ran may have had its
    document built before and written after the change; a write made during
    the rebuild is recorded as pending (``engine_pages_sync``). Sent again now,
    from the page as it is, the index holds what is live.
    """
    changed = PendingIndexUpdate.objects.filter(updated_at__gte=started).order_by(
        "page_id"
    )
    page_ids = list(changed.values_list("page_id", flat=True))
    for start in range(0, len(page_ids), BATCH_SIZE):
        engine_pages_sync(page_ids=page_ids[start : start + BATCH_SIZE])


def database_rebuild(
    *,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> int:
    """Rebuild the database index in batches of pages, one short transaction each.

    Other writers (publishing, logging in: SQLite has one writer at a time) get
    in between batches instead of waiting for the whole rebuild. The live
    indexable pages' ids, read at the start, are cut into ranges of
    ``batch_size`` pages, the last range open above. A batch takes the live
    pages of its range as they are when it runs, replaces their documents and
    removes the range's entries that are not among them. So at any moment each
    page has its old or its new document (nothing is emptied first): a rebuild
    interrupted halfway leaves a usable index, new in the batches that
    committed. A page published or unpublished while the rebuild runs is
    indexed or removed by its own transaction, and a later batch reads it as it
    then is (a page published meanwhile has a higher id: the last range).
    ``progress(documents)`` is called after each batch has committed. Returns
    the number of documents indexed.

    Outside a transaction, ``workers`` forked processes (by default
    ``SEARCH_REBUILD_WORKERS``) share the batches: building a document is
    Python's work, and one process keeps one core busy. On PostgreSQL each
    process builds and writes its batches. SQLite has one writer: the children
    build (`_built_range`) and this process writes (`_write_built`).
    """
    models = searchable_models()
    ranges = _page_id_ranges(models, batch_size)
    workers = settings.SEARCH_REBUILD_WORKERS if workers is None else workers
    read = partial(_built_range, models=models, batch_size=batch_size)
    if min(workers, len(ranges)) < 2 or connection.in_atomic_block:
        batches = (_rebuild_range(read, bounds) for bounds in ranges)
    elif connection.vendor == "sqlite":
        batches = (
            _write_built(read, built)
            for built in processes.in_processes(read, ranges, workers=workers)
        )
    else:
        batches = processes.in_processes(
            partial(_rebuild_range, read), ranges, workers=workers
        )
    written = 0
    with closing(iter(batches)) as each:
        for done in each:
            written += done
            if progress:
                progress(done)
    refresh_statistics()
    return written


def _page_id_ranges(models: list, batch_size: int) -> list[tuple[int, int | None]]:
    """(after, up to) ids of ``batch_size`` live indexable pages each, as
    they are now; the last range has no upper bound."""
    page_ids = (
        Page.objects.live()
        .exact_type(*models)
        .filter(depth__gt=1)
        .order_by("pk")
        .values_list("pk", flat=True)
        if models
        else []
    )
    ends = list(page_ids[batch_size - 1 :: batch_size])
    return list(zip([0, *ends], [*ends, None], strict=True))


@dataclass
class BuiltRange:
    """A range's live pages and their documents, as they were at ``version``
    of the content (which every publish, move, restriction, unit or name
    change moves, in its own transaction)."""

    bounds: tuple[int, int | None]
    version: int
    models: list
    page_ids: list[int]
    documents: list[SearchDocument]


def _built_range(
    bounds: tuple[int, int | None], *, models: list, batch_size: int
) -> BuiltRange:
    """Read the live pages with ids in ``bounds`` (``_page_id_ranges``) and
    build their documents; this writes nothing."""
    # Read first: a change committed after it moves it, and `_write_built`
    # reads the range again.
    version = content_version_now()
    page_ids = (
        list(
            Page.objects.live()
            .exact_type(*models)
            .filter(_in_range("pk", bounds), depth__gt=1)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if models
        else []
    )
    # A builder per batch: it reads the view restrictions as they are now,
    # not as they were when the rebuild started.
    documents = [
        document
        for _page_id, document in DocumentBuilder().documents(
            page_ids, batch_size=batch_size
        )
        if document is not None
    ]
    return BuiltRange(bounds, version, models, page_ids, documents)


def _rebuild_range(read: Callable[[tuple], BuiltRange], bounds: tuple) -> int:
    """Index the live pages with ids in ``bounds`` and remove the range's
    other entries, in one transaction. Returns the number of documents
    written."""
    with transaction.atomic():
        return _write_range(read(bounds))


def _write_built(read: Callable[[tuple], BuiltRange], built: BuiltRange) -> int:
    """Write a range another process built, in one transaction; read and
    built again here if the content changed since (a page published or made
    private meanwhile must not get its older document back)."""
    with transaction.atomic():
        if content_version_now() != built.version:
            built = read(built.bounds)
        return _write_range(built)


def _write_range(built: BuiltRange) -> int:
    backend = database_backend()
    backend.index(built.documents)
    # Pages published since the batch read its pages (another transaction
    # indexed them) are not stale: asked in the same statement as the
    # delete, whatever the isolation level.
    published_since = (
        Page.objects.live()
        .exact_type(*built.models)
        .filter(_in_range("pk", built.bounds))
        .exclude(pk__in=built.page_ids)
        .values("pk")
        if built.models
        else Page.objects.none().values("pk")
    )
    stale = (
        IndexEntry.objects.filter(_in_range("page_id", built.bounds))
        .exclude(page_id__in=[document.id for document in built.documents])
        .exclude(page_id__in=published_since)
    )
    backend.remove(list(stale.values_list("page_id", flat=True)))
    return len(built.documents)


def _in_range(field: str, bounds: tuple[int, int | None]) -> Q:
    after, last = bounds
    return Q(**{f"{field}__gt": after}) & (
        Q(**{f"{field}__lte": last}) if last is not None else Q()
    )


# Uploaded documents --------------------------------------------------------
# Text is read from the file when a document is uploaded or replaced, in the
# request that saves it: extraction is bounded (search.extract), so the upload
# waits at most a few seconds, and a file that cannot be read is indexed by its
# title instead of failing the upload.


def file_index(*, document_pk: int, file_changed: bool = True) -> SearchDocument | None:
    """Index an uploaded document (new, replaced, renamed or moved to another
    collection), or take it out of search when it must not be found. Unless
    ``file_changed``, the text already indexed is kept. Returns the document
    that was indexed, or None."""
    search_id = file_search_id(document_pk)
    texts = (
        {}
        if file_changed
        else dict(
            IndexEntry.objects.filter(page_id=search_id).values_list("page_id", "body")
        )
    )
    ((search_id, document),) = documents_for_files([document_pk], texts=texts)
    _write([document] if document else [], [] if document else [search_id])
    _documents_changed()
    return document


def file_remove(*, document_pk: int) -> None:
    """Take a deleted uploaded document out of search."""
    _write([], [file_search_id(document_pk)])
    _documents_changed()


def collection_files_reindex(*, collection: Collection) -> int:
    """Re-index the uploaded documents in a collection and the collections below
    it (after a change of their view restrictions). The text already indexed is
    kept: only who may find them changed."""
    document_pks = list(
        get_document_model()
        .objects.filter(collection__path__startswith=collection.path)
        .values_list("pk", flat=True)
    )
    texts = dict(
        IndexEntry.objects.filter(
            page_id__in=[file_search_id(pk) for pk in document_pks]
        ).values_list("page_id", "body")
    )
    documents, removed = [], []
    for search_id, document in documents_for_files(document_pks, texts=texts):
        if document is None:
            removed.append(search_id)
        else:
            documents.append(document)
    _write(documents, removed)
    _documents_changed()
    return len(documents)


def database_files_rebuild(
    *, batch_size: int = 50, progress: Callable[[int], None] | None = None
) -> int:
    """Rebuild the uploaded documents in the database index, a batch of files in
    each short transaction (like ``database_rebuild``); entries of documents
    that are gone or must not be found are removed. Returns how many."""
    backend = database_backend()
    document_model = get_document_model()
    written = 0
    after = 0  # the documents up to this primary key are done
    while True:
        with transaction.atomic():
            document_pks = list(
                document_model.objects.filter(pk__gt=after)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
            last = document_pks[-1] if len(document_pks) == batch_size else None
            documents = [
                document
                for _search_id, document in documents_for_files(document_pks)
                if document is not None
            ]
            backend.index(documents)
            # Search ids of documents are negative: pk > after is id < -after.
            in_range = Q(page_id__lt=-after) & (
                Q(page_id__gte=-last) if last is not None else Q()
            )
            stale = IndexEntry.objects.filter(in_range).exclude(
                page_id__in=[document.id for document in documents]
            )
            backend.remove(list(stale.values_list("page_id", flat=True)))
        written += len(documents)
        if progress:
            progress(len(documents))
        if last is None:
            return written
        after = last


# The vocabulary documents copy -------------------------------------------
# Documents store a unit's slug and its sector's slug, topic slugs, and the
# usernames and full names of the people a page is by or about
# (``document_for_page``). When one of these fields changes, the documents that
# hold the old value are rebuilt. Names of units and topics are not copied (the
# facets read them when they show them), nor is anything of StaffProfile.
VOCABULARY_FIELDS: dict[str, tuple[str, ...]] = {
    "core.unit": ("slug", "parent_id"),
    "core.topic": ("slug",),
    settings.AUTH_USER_MODEL.lower(): ("username", "first_name", "last_name"),
}


def _vocabulary_fields(model: type[Model]) -> tuple[str, ...]:
    return VOCABULARY_FIELDS.get(model._meta.label_lower, ())


def vocabulary_stored(
    *, instance: Model, update_fields: Iterable[str] | None = None
) -> dict[str, Any] | None:
    """What the database holds of the fields documents copy of ``instance``,
    read before it is saved; None when the save cannot change a document (a new
    row, or a save of other fields only, such as a login's ``last_login``)."""
    fields = _vocabulary_fields(type(instance))
    if not fields or instance._state.adding or instance.pk is None:
        return None
    if update_fields is not None:
        names = {name.removesuffix("_id") for name in update_fields}
        if not names & {name.removesuffix("_id") for name in fields}:
            return None
    return type(instance)._base_manager.filter(pk=instance.pk).values(*fields).first()


def vocabulary_changed_reindex(
    *, instance: Model, stored: dict[str, Any] | None
) -> int:
    """Rebuild the documents that copied what changed of a unit, topic or person.

    ``stored`` is what ``vocabulary_stored`` read before the save: nothing is
    written when no copied field changed. The documents are found by the old
    value in the database index and rebuilt in bulk (a bounded number of
    queries whatever their number), inside the save's transaction, so the
    change and the index commit or roll back together. Returns how many
    documents were written.
    """
    if not stored or all(
        getattr(instance, name) == value for name, value in stored.items()
    ):
        return 0
    return _vocabulary_documents_reindex(model=type(instance), stored=stored)


def vocabulary_deleted_reindex(*, instance: Model) -> int:
    """Rebuild the documents that copied a deleted unit, topic or person."""
    fields = _vocabulary_fields(type(instance))
    if not fields:
        return 0
    stored = {name: getattr(instance, name) for name in fields}
    return _vocabulary_documents_reindex(model=type(instance), stored=stored)


def _vocabulary_documents_reindex(*, model: type[Model], stored: dict[str, Any]) -> int:
    label = model._meta.label_lower
    if label == "core.unit":
        holding = IndexEntry.objects.filter(
            Q(unit=stored["slug"]) | Q(sector=stored["slug"])
        ).values_list("page_id", flat=True)
    else:
        kind, value = (
            ("topic", "slug") if label == "core.topic" else ("person", "username")
        )
        holding = IndexTerm.objects.filter(kind=kind, value=stored[value]).values_list(
            "entry_id", flat=True
        )
    page_ids = sorted(holding)
    if not page_ids:
        return 0
    with transaction.atomic(savepoint=False):
        written = _index_pages(page_ids)
        _found_changed()
    return written
