import datetime
import itertools

from django.utils import timezone
from wagtail.rich_text import RichText

from search.documents import SearchDocument

_ids = itertools.count(1_000_000)


def make_document(**fields) -> SearchDocument:
    """A SearchDocument with sensible defaults; any field can be given."""
    page_id = fields.pop("id", None) or next(_ids)
    defaults = {
        "id": page_id,
        "url": f"/nyheter/side-{page_id}/",
        "content_type": "news",
        "title": f"Dokument {page_id}",
        "published": timezone.make_aware(datetime.datetime(2025, 3, 1, 12, 0)),
        "intro": "",
        "body": "",
    }
    return SearchDocument(**{**defaults, **fields})


def paragraph_body(html: str) -> list:
    """A story body (StreamField value) of one paragraph block."""
    return [("paragraph", RichText(html))]
