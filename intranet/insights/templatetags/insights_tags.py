from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from intranet.insights import selectors

register = template.Library()


@register.inclusion_tag("insights/includes/story_reach.html", takes_context=True)
def story_reach(context, page) -> dict:
    """'Read by N colleagues today / M in total', for the story's owners and
    the communication team only."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not selectors.can_see_reach(user=user, page=page):
        return {"reach": None}
    return {"reach": selectors.story_reach(page_id=page.pk)}


@register.inclusion_tag("insights/includes/pulse_banner.html", takes_context=True)
def pulse_banner(context) -> dict:
    """The open pulse survey the person has not answered or put away."""
    request = context.get("request")
    if (
        request is None
        or not hasattr(request, "user")
        or request.path.startswith("/puls/")  # already on the survey
    ):
        return {"survey": None}
    survey = selectors.pulse_survey_for_banner(
        user=request.user, session=request.session
    )
    return {
        "survey": survey,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }


def _cell(cell) -> SafeString:
    url = getattr(cell, "url", None)
    if url:
        return format_html('<a href="{}">{}</a>', url, cell.text)
    return conditional_escape(localize(cell))


@register.simple_tag
def insights_table_rows(table) -> SafeString:
    """The rows the dashboard shows of a table, as HTML.

    Built here rather than in a template loop: a table has a row per unit and
    a column per month, and the template language spends more on looking up
    each of those hundreds of cells (is it a link?) than the page spends on
    its queries."""
    lines = []
    for row in table.page_rows:
        cells = []
        for position, cell in enumerate(row):
            if position == 0:
                opening, closing = '<th scope="row">', "</th>"
            elif position >= table.numeric_from:
                opening, closing = '<td class="insights-num">', "</td>"
            else:
                opening, closing = "<td>", "</td>"
            cells.append(f"{opening}{_cell(cell)}{closing}")
        lines.append(mark_safe(f"<tr>{''.join(cells)}</tr>"))  # noqa: S308 - escaped above
    return mark_safe("\n".join(lines))  # noqa: S308 - escaped above
