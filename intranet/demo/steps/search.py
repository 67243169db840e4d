"""Index everything the other steps published."""

import random
from collections.abc import Callable

from search import services


def seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    del rng  # indexing is not random
    counts = services.rebuild()
    for backend, total in counts.items():
        log(f"Search documents ({backend}): {total}")


def reset() -> None:
    """Nothing to remove: the index follows the pages."""
