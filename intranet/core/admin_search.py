"""Wagtail's own search backend (the admin's search boxes for pages, images,
documents and snippets), as Wagtail picks it for the database in use, with one
repair.

On SQLite, Wagtail's database backend puts each word of the query in double
quotes in an FTS5 ``MATCH`` expression without escaping the quotes inside it:
a search for ``"Sørum`` or ``ab"cd`` (a quote left open) ended in a 500
("unterminated string"). In a plain-text query a double quote means nothing
once Wagtail has read the balanced phrases, so the backend reads it as a space.
"""

from functools import cache

from modelsearch.backends.database import SearchBackend as _backend_for_database


@cache
def _quote_safe_sqlite_backend() -> type:
    # Imported only on SQLite: the module looks up SQLite's own index models.
    from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

    class QuoteSafeSQLiteSearchBackend(SQLiteSearchBackend):
        def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
            if isinstance(query, str):
                query = query.replace('"', " ").strip()
            return super()._search(
                query_compiler_class, query, model_or_queryset, **kwargs
            )

    return QuoteSafeSQLiteSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in the module
    backend = _backend_for_database(params)
    if type(backend).__name__ == "SQLiteSearchBackend":
        return _quote_safe_sqlite_backend()(params)
    return backend
