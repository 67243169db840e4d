"""Links into search from anywhere: ``{% search_url topic=topic.slug %}``."""

from django import template
from django.urls import reverse

from search.query import SearchQuery
from search.searchable import content_type_labels

register = template.Library()


@register.simple_tag
def search_url(**params) -> str:
    """The /sok/ address with the given GET parameters (e.g. topic, tag, unit)."""
    query = SearchQuery.from_querydict(
        {name: str(value) for name, value in params.items() if value not in (None, "")}
    )
    encoded = query.urlencode()
    return reverse("search:search") + (f"?{encoded}" if encoded else "")


@register.filter
def unit_label(slug: str, labels) -> str:
    return labels.label("unit", slug) if slug else ""


@register.filter
def type_label(content_type: str) -> str:
    return str(content_type_labels().get(content_type, content_type))
