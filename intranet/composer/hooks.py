"""What other apps add to the composer, which knows none of them.

``composer_published``: a function of the request and the story just
published through the composer, returning a note for the person who
published it (safe HTML; "" for nothing), the way ``unit_page_parts`` lets
apps add to a unit's page. The notes are shown beside the confirmation on the
story's page::

    @hooks.register(PUBLISHED)
    def ask_about_examples(request, page) -> str:
        return format_html(...)
"""

from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Page

PUBLISHED = "composer_published"


def published_notes(request: HttpRequest, page: Page) -> list[str]:
    """The notes the apps have for the story just published, in hook order."""
    notes = (hook(request, page) for hook in hooks.get_hooks(PUBLISHED))
    return [note for note in notes if note]
