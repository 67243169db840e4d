"""Template tags of the case pages and lists."""

from django import template
from django.template.loader import get_template
from django.utils.html import format_html

from cases import selectors
from cases.models import CasePage
from intranet.core.selectors import cached_each

register = template.Library()


@register.simple_tag
def status_badge(case: CasePage) -> str:
    """The case's status as a badge (a tag, not an include: every case card
    shows one)."""
    return format_html(
        '<span class="badge case-status case-status--{}">{}</span>',
        case.status,
        case.get_status_display(),
    )


@register.simple_tag(takes_context=True)
def case_cards(context, cases) -> list[str]:
    """The rendered cards of `cases` (a page of the case list), each kept on
    its own: after an update only its case's card is rendered again."""

    def render(missing: list[CasePage]) -> list[str]:
        selectors.case_cards_load(missing)
        # A plain context: the card needs the request for its link alone, not
        # what the context processors add to a whole page.
        card = get_template("cases/includes/case_summary.html")
        request = context.get("request")
        return [card.render({"case": case, "request": request}) for case in missing]

    return cached_each(
        list(cases),
        key=selectors.case_card_key,
        read=render,
        timeout=selectors.CARD_CACHE_SECONDS,
    )
