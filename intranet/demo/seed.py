"""The demo steps, in the order they run.

Order matters: a later step builds on what the earlier ones made (cases need
people, promotions need stories, the search step indexes everything); a reset
undoes them in reverse.
"""

import random
from collections.abc import Callable
from types import ModuleType

from django.db import transaction

from intranet.demo.steps import (
    cases,
    dialogue,
    insights,
    news,
    notices,
    people,
    planning,
    promotions,
    radar,
    search,
    subscriptions,
)

STEPS: list[ModuleType] = [
    people,
    cases,
    news,
    promotions,
    dialogue,
    subscriptions,
    planning,
    insights,
    notices,
    search,
    radar,
]


@transaction.atomic
def demo_seed(*, seed: int, reset: bool, log: Callable[[str], None]) -> None:
    """Load the demo, all or nothing; with ``reset``, remove it first.

    Every step gets a generator seeded with ``seed``, so the same seed gives the
    same demo, and a step's output does not depend on how many draws the
    steps before it made.
    """
    if reset:
        for step in reversed(STEPS):
            step.reset()
        log("Demo data removed.")
    for number, step in enumerate(STEPS, start=1):
        log(f"[{number}/{len(STEPS)}] {step.__name__.rsplit('.', 1)[-1]}")
        rng = random.Random(seed)  # noqa: S311 - demo content: the seed is the point
        step.seed(rng=rng, log=lambda message: log(f"  {message}"))
