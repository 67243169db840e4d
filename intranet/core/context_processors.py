from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from intranet.core.selectors import may_use_publishing_tool


def publishing(request: HttpRequest) -> dict:
    """``may_publish``: whether the header links to the publishing tool (asked
    only when a template shows it)."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"may_publish": SimpleLazyObject(lambda: may_use_publishing_tool(user))}
