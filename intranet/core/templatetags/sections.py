from django import template

from intranet.core.sections import Section

register = template.Library()


@register.simple_tag(takes_context=True)
def render_section(context: template.Context, section: Section) -> str:
    """Render a section's template with its context, built only now (so a
    section served from the cache builds nothing)."""
    request = context.get("request")
    included = context.template.engine.get_template(section.template)
    with context.push(section.context(request)):
        return included.render(context)


@register.simple_tag(takes_context=True)
def section_vary(context: template.Context, section: Section) -> str:
    """What else than the content a cached section's copy depends on."""
    return section.vary_key(context.get("request"))


@register.simple_tag
def section_version(section: Section) -> str:
    """The content a cached section's copy was built from, and the day."""
    return section.version()
