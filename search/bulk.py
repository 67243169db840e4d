"""Many rows in one PostgreSQL statement, each column given as one array.

``executemany`` sends, binds and runs the statement once per row (psycopg
pipelines the round trips, not the server's work): the index's thousands of
rows per batch cost more that way than their own writing. ``unnest`` of one
array per column turns them into one statement, parsed and planned once.
"""

from collections.abc import Sequence


def unnest(columns: Sequence[tuple[str, str]]) -> str:
    """The ``FROM`` item of rows given by ``array_params``: ``columns`` are
    (name, SQL type) pairs, so the select list can compute from ``rows.name``."""
    arrays = ", ".join(f"%s::{column_type}[]" for _name, column_type in columns)
    names = ", ".join(name for name, _type in columns)
    return f"unnest({arrays}) AS rows({names})"


def array_params(rows: Sequence[Sequence]) -> list[list]:
    """The parameters of ``unnest``: the rows' columns, one list each."""
    return [list(column) for column in zip(*rows, strict=True)]


def rows_from(
    columns: Sequence[tuple[str, str]], *, vendor: str, select: Sequence[str] = ()
) -> str:
    """The rows part of an INSERT of ``columns`` ((name, SQL type) pairs):
    on PostgreSQL a batch as arrays (``select`` computes the inserted values
    from ``rows.name``, all columns as they are by default), elsewhere one
    row for ``executemany``."""
    if vendor == "postgresql":
        return f"SELECT {', '.join(select) or '*'} FROM {unnest(columns)}"  # noqa: S608 - names and types of a model
    return f"VALUES ({', '.join(['%s'] * len(columns))})"


def write(cursor, statement: str, rows: Sequence[Sequence]) -> None:
    """Run an INSERT made with ``rows_from`` for ``rows``."""
    if cursor.db.vendor == "postgresql":
        cursor.execute(statement, array_params(rows))
    else:
        cursor.executemany(statement, rows)
