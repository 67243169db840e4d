"""The plain-language marks in a story's preview, for Wagtail's content checks
(see `intranet.core.content_checks`)."""

from django import template
from django.utils.safestring import mark_safe

from intranet.core.content_checks import mark_plain_language
from intranet.core.models import PlainLanguageSettings
from intranet.core.templatetags.editing_tags import USERBAR_PARAMETER

register = template.Library()


@register.tag
def plain_language_marks(parser, token):
    """``{% plain_language_marks [lix] %}…{% endplain_language_marks %}``: in a
    preview, or with the user bar, the findings inside are marked for the
    content checker; with ``lix``, the whole is also measured against the
    target. Anywhere else the content is left exactly as it is."""
    bits = token.split_contents()
    if len(bits) > 2 or (len(bits) == 2 and bits[1] != "lix"):
        raise template.TemplateSyntaxError(
            "plain_language_marks takes one optional argument: lix"
        )
    nodelist = parser.parse(("endplain_language_marks",))
    parser.delete_first_token()
    return PlainLanguageMarksNode(nodelist, measure_lix=len(bits) == 2)


class PlainLanguageMarksNode(template.Node):
    def __init__(self, nodelist, *, measure_lix: bool) -> None:
        self.nodelist = nodelist
        self.measure_lix = measure_lix

    def render(self, context) -> str:
        html = self.nodelist.render(context)
        request = context.get("request")
        checked = request is not None and (
            getattr(request, "is_preview", False) or request.GET.get(USERBAR_PARAMETER)
        )
        if not checked or not html.strip():
            return html
        target = None
        if self.measure_lix:
            settings = PlainLanguageSettings.load(request_or_site=request)
            target = settings.internal_target_lix
        # Our own rendering, parsed and written out again by BeautifulSoup
        # (which escapes every text it writes).
        return mark_safe(mark_plain_language(html, target=target))  # noqa: S308
