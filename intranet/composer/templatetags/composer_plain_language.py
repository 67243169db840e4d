from django import template

from intranet.composer.plain_language import story_advice
from intranet.core.plain_language import Advice

register = template.Library()


@register.simple_tag(takes_context=True)
def story_plain_language(context, form) -> Advice:
    """The advice for what the composer's form holds (as sent, or as opened)."""

    def value(name: str) -> str:
        return (form[name].value() or "") if name in form.fields else ""

    return story_advice(
        context["request"],
        title=str(value("title")),
        intro=str(value("intro")),
        text=str(value("text")),
    )
