"""Hook names the layers above search meet at (``wagtail.hooks``).

``SEARCH_SECTIONS``: see below.

``DEFAULT_FOLLOWS``: a function ``(user) -> list[tuple[SearchQuery, str]]``
giving searches, and their names, a person follows from their first login.
Cases offers the cases the person owns; subscriptions makes the follows. The
name lives here, below both, because the app that registers (cases) may not
import the app that calls (subscriptions).
"""

DEFAULT_FOLLOWS = "default_follows"

#: ``SEARCH_SECTIONS``: a function ``(request, query) -> str`` giving HTML shown
#: above the search results (or "" for nothing), so that an app above search can
#: answer a query with what is not a page, such as the people it names.
SEARCH_SECTIONS = "search_sections"
