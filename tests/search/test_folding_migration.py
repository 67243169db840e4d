"""Migration 0008 adds the folded text to what is already indexed (no rebuild
needed to find "Sørum" by "Sorum") and takes it away again, on SQLite and
PostgreSQL alike."""

import pytest
from django.db import connection

from search.backends.database import DatabaseBackend
from search.query import SearchQuery
from tests.factories.search import make_document
from tests.migrating import migrate


def exact_matches(word: str) -> list[int]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT page_id FROM search_indexentry WHERE search_vector @@ "
                "to_tsquery('norwegian'::regconfig, %s) ORDER BY page_id",
                [word],
            )
        else:
            cursor.execute(
                "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s "
                "ORDER BY rowid",
                [f'"{word}"'],
            )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_folded_text_is_added_to_and_removed_from_the_existing_index():
    backend = DatabaseBackend()
    backend.index(
        [
            make_document(id=1, title="Økonomien i Sørum kommune"),
            make_document(id=2, title="Protokoll fra Soerum formannskap"),
            make_document(id=3, title="Budsjettet i Ski"),
        ]
    )

    migrate([("search", "0007_subscriptions_moved")])
    try:
        # Back to stems only: still found by the exact word.
        assert exact_matches("sørum") == [1]
    finally:
        migrate()

    found = backend.search(SearchQuery(text="Sorum"), None)
    assert sorted(hit.document.id for hit in found.hits) == [1, 2]
    assert exact_matches("sørum") == [1]
