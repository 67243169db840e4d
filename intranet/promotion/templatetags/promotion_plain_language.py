from django import template

from intranet.core.plain_language import Advice
from intranet.promotion.plain_language import external_advice

register = template.Library()


@register.simple_tag(takes_context=True)
def external_plain_language(context, promotion) -> Advice:
    """The advice for a promotion's external version as saved."""
    return external_advice(
        context["request"],
        title=promotion.external_title,
        lead=promotion.external_lead,
        body_html=promotion.external_body,
    )
