"""Generations: numbers in the shared cache that a kind of change moves, to
key what is kept until such a change (like the content version, but for
changes that have no row of their own to count them in the database).

A generation moves at once, for the rest of the changing transaction, and
again after its commit: a reader that read the old state before the commit
and kept what it found keyed it on a number no one asks for any more. A lost
number (evicted, a cleared cache) comes back larger than any earlier one.
"""

import time

from django.core.cache import cache
from django.db import transaction

#: Moved by a change of who may see which item of the admin's menu: a
#: group's rights, page or collection permissions, a person's own rights
#: (`core.signal_handlers`; `templatetags.admin_kept`).
ADMIN_MENU = "admin-menu"


def _key(name: str) -> str:
    return f"generation:{name}"


def generation(name: str) -> int:
    """The current generation of ``name``."""
    key = _key(name)
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), timeout=None)
        value = cache.get(key, 0)
    return value


def _bump(name: str) -> None:
    key = _key(name)
    try:
        cache.incr(key)
    except ValueError:  # lost: start above any earlier number
        cache.set(key, time.time_ns(), timeout=None)


def generation_bump(name: str) -> None:
    """Move ``name`` on: now and after the current transaction commits."""
    _bump(name)
    transaction.on_commit(lambda: _bump(name))
