"""Best bets and synonyms the communication team would keep, then index
everything the other steps published.

Content: ``search.json``. A best bet names its page by title; one whose page is
not there is skipped. A second run changes nothing.
"""

import random
from collections.abc import Callable

from wagtail.models import Page

from intranet.demo.content import load
from search import services
from search.models import BestBet, SynonymGroup


def seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    del rng  # neither the vocabulary nor indexing is random
    content = load("search")
    for group in content["synonyms"]:
        SynonymGroup.objects.get_or_create(
            terms="\n".join(group["terms"]), defaults={"note": group["note"]}
        )
    for order, bet in enumerate(content["best_bets"]):
        page = Page.objects.filter(title=bet["title"]).order_by("pk").first()
        if page is None:
            continue
        BestBet.objects.get_or_create(
            page=page,
            queries="\n".join(bet["queries"]),
            defaults={"description": bet["description"], "sort_order": order},
        )
    log(
        f"Synonyms: {SynonymGroup.objects.count()}, "
        f"best bets: {BestBet.objects.count()}"
    )
    counts = services.rebuild()
    for backend, total in counts.items():
        log(f"Search documents ({backend}): {total}")


def reset() -> None:
    """Remove the demo's synonyms (best bets go with their pages); the index
    follows the pages."""
    terms = ["\n".join(group["terms"]) for group in load("search")["synonyms"]]
    SynonymGroup.objects.filter(terms__in=terms).delete()
