"""Thin handlers: search's and Django's signals in, subscription services out."""

from django.contrib.auth.signals import user_logged_in
from wagtail.models import Page

from intranet.subscriptions import services
from search import signals as search_signals
from search.documents import SearchDocument


def on_document_indexed(sender, page: Page, document: SearchDocument, **kwargs) -> None:
    services.notifications_create_for(page=page, document=document)


def on_documents_written(
    sender, documents: list[SearchDocument], removed: list[int], **kwargs
) -> None:
    services.notifications_withdraw_many(documents=documents, removed=removed)


def on_synonyms_changed(sender, **kwargs) -> None:
    services.subscription_texts_restore()


def on_user_logged_in(sender, request, user, **kwargs) -> None:
    services.subscription_defaults_apply(user=user)


def connect() -> None:
    user_logged_in.connect(on_user_logged_in, dispatch_uid="subscriptions.defaults")
    search_signals.document_indexed.connect(
        on_document_indexed, dispatch_uid="subscriptions.document_indexed"
    )
    search_signals.documents_written.connect(
        on_documents_written, dispatch_uid="subscriptions.documents_written"
    )
    search_signals.synonyms_changed.connect(
        on_synonyms_changed, dispatch_uid="subscriptions.synonyms_changed"
    )
