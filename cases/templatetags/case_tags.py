"""Template tags of the case pages and lists."""

from django import template
from django.utils.html import format_html

from cases.models import CasePage

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
