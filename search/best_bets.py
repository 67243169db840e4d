"""Best bets ("Anbefalt"): pages the communication team recommends for searches.

A ``BestBet`` names searches and a page. When what someone typed is one of those
searches, letters folded and spacing ignored ("Lonn", "lønn ", "LØNN" are one
search), or a synonym of one (``search.synonyms``), the page is shown above the
results, in the team's order, but only when the person may see the page (live,
and no view restriction keeps them out: ``intranet.core.page_access``). The
table of searches is read once and kept in the cache until a best bet is saved
or deleted.
"""

from dataclasses import dataclass

from django.core.cache import cache
from wagtail.models import Page

from intranet.core.page_access import visible_to
from search.models import BestBet
from search.synonyms import synonym_table
from search.text import fold, words

CACHE_KEY = "search:best_bets:v1"
#: At most this many recommended pages above the results.
MAX_SHOWN = 3


@dataclass(frozen=True)
class Recommendation:
    title: str
    url: str
    description: str


def search_key(text: str) -> tuple[str, ...]:
    """What two searches share when they are the same search."""
    return tuple(fold(word) for word in words(text))


def best_bet_table() -> dict[tuple[str, ...], list[tuple[int, str]]]:
    """Search -> (page id, description) of its best bets, in the team's order."""
    table = cache.get(CACHE_KEY)
    if table is None:
        table = {}
        for bet in BestBet.objects.order_by("sort_order", "pk"):
            for query in bet.query_list():
                if key := search_key(query):
                    table.setdefault(key, []).append((bet.page_id, bet.description))
        cache.set(CACHE_KEY, table, timeout=None)
    return table


def best_bet_table_forget() -> None:
    cache.delete(CACHE_KEY)


def recommendations_for(*, text: str, user) -> list[Recommendation]:
    """The recommended pages for a search that the person may see."""
    key = search_key(text)
    table = best_bet_table() if key else {}
    if not table:
        return []
    keys = [key, *synonym_table().get(key, ())]
    chosen: dict[int, str] = {}
    for candidate in keys:
        for page_id, description in table.get(search_key(" ".join(candidate)), ()):
            chosen.setdefault(page_id, description)
    if not chosen:
        return []
    pages = {
        page.pk: page
        for page in Page.objects.filter(visible_to(user), pk__in=list(chosen))
        .specific()
        .iterator()
    }
    found = []
    for page_id, description in chosen.items():
        page = pages.get(page_id)
        if page is None:
            continue
        found.append(
            Recommendation(
                title=page.title,
                url=page.get_url() or page.url_path,
                description=description or page.search_description,
            )
        )
    return found[:MAX_SHOWN]
