"""Follow buttons for any page: ``{% follow_button name=page.title case=page.pk %}``."""

from django import template

from search.query import SearchQuery

register = template.Library()


@register.inclusion_tag("subscriptions/includes/follow_button.html", takes_context=True)
def follow_button(context, name: str = "", **params) -> dict:
    """A "Follow" button for the search given by ``params`` (or ``query=``)."""
    query = params.pop("query", None)
    if query is None:
        query = SearchQuery.from_querydict(
            {
                key: str(value)
                for key, value in params.items()
                if value not in (None, "")
            }
        )
    request = context.get("request")
    return {
        "follow_pairs": query.replace(page=1).items(),
        "follow_name": name,
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
    }
