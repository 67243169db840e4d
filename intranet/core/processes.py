"""Work shared among forked processes, for jobs that keep one core busy.

A job that builds rows in Python and has the database server write them keeps
only one of the two busy at a time; two processes each taking every other item
keep both. Each item is expected to be its own transaction: an item either
completes in its process or, when the job stops, is rolled back there. Where
the database has one writer (SQLite), the children only read and build, and
the parent writes what they yield.
"""

import multiprocessing
import queue
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.db import connections

# How often the parent checks that its children are still alive.
POLL_SECONDS = 1.0


class ChildFailed(RuntimeError):
    """An item raised in a child process; the message carries its traceback."""


def _serve(function: Callable[[Any], Any], items: Sequence, results) -> None:
    try:
        for item in items:
            results.put(("done", function(item)))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises
        results.put(("failed", traceback.format_exc()))
    finally:
        connections.close_all()


def in_processes(
    function: Callable[[Any], Any], items: Sequence, *, workers: int
) -> Iterator:
    """``function(item)`` for every item, in ``workers`` forked processes
    (process n takes items n, n + workers, …), yielded in this process in the
    order they complete, while the children go on with the next. The first
    failure stops every child and raises ``ChildFailed``; so does closing the
    iterator early (the children are stopped).
    """
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    # A connection open across the fork would be one socket used by two
    # processes: each child opens its own.
    connections.close_all()
    shares = [items[n::workers] for n in range(workers)]
    children = [
        context.Process(target=_serve, args=(function, share, results), daemon=True)
        for share in shares
        if share
    ]
    for child in children:
        child.start()
    received = 0
    try:
        while received < len(items):
            try:
                kind, value = results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not any(child.is_alive() for child in children):
                    codes = [child.exitcode for child in children]
                    raise ChildFailed(f"every child ended early: {codes}") from None
                continue
            if kind == "failed":
                raise ChildFailed(value)
            received += 1
            yield value
    finally:
        for child in children:
            if received < len(items):
                child.terminate()
            child.join()
        results.close()
