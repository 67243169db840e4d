"""One page of a list, from the page number a person (or a link) asked for.

Every paginated list reads its page number through `paginate`, so any value
gets the same answer: a number past the end shows the last page, and anything
that is not a page number (negative, zero, a word) shows the first one; both
with a Norwegian notice the template shows. No value is an error, and none
reads more than the count and the rows of the page shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from intranet.core.numbers import is_digits, small_number

#: How much of a rejected value a notice repeats.
SHOWN_VALUE_LENGTH = 40


@dataclass(frozen=True)
class Pagination:
    """The page shown, and why it is not the one asked for (or "")."""

    page: Page
    notice: str = ""


def paginate(
    items: QuerySet | Sequence,
    *,
    per_page: int,
    requested: str | None,
    count: int | None = None,
) -> Pagination:
    """The page of `items` asked for by `requested` (a GET parameter's value).

    `count` is the number of items, for a caller that counts them better than
    `items.count()` does.
    """
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # instead of the cached property's own count
    raw = (requested or "").strip()
    if not raw:
        return Pagination(page=paginator.page(1))
    if not is_digits(raw) or not raw.strip("0"):
        return Pagination(
            page=paginator.page(1),
            notice=_("“%(value)s” is not a page number; showing the first page.")
            % {"value": raw[:SHOWN_VALUE_LENGTH]},
        )
    # A number of more digits than any page has (`small_number` gives None)
    # is past the end too. The count is read once; Django's paginator keeps
    # it for the page.
    number = small_number(raw)
    if number is None or number > paginator.num_pages:
        return Pagination(
            page=paginator.page(paginator.num_pages),
            notice=_("There is no page %(page)s; showing the last page, %(last)d.")
            % {"page": raw[:SHOWN_VALUE_LENGTH], "last": paginator.num_pages},
        )
    return Pagination(page=paginator.page(number))
