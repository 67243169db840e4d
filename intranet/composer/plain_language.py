"""The plain-language advice beside the composer's text.

The title, the introduction and the text as readers get them (the composer's
markup turned into words), measured against the communication team's target
for stories on the intranet. Advice only: nothing here takes part in saving
or publishing.
"""

from __future__ import annotations

from django.http import HttpRequest

from intranet.composer.forms import MAX_TEXT_LENGTH
from intranet.core.markup import plain_text_from_markup
from intranet.core.models import PlainLanguageSettings
from intranet.core.plain_language import Advice, advise
from intranet.core.text import single_line

#: The fields the advice reads, as the composer's form names them.
FIELDS = ("title", "intro", "text")


def story_advice(request: HttpRequest, *, title: str, intro: str, text: str) -> Advice:
    """The advice for a story as typed; each part bounded like its field."""
    target = PlainLanguageSettings.load(request_or_site=request).internal_target_lix
    words = "\n".join(
        part
        for part in (
            single_line(title or "")[:255],
            single_line(intro or "")[:400],
            plain_text_from_markup((text or "")[:MAX_TEXT_LENGTH]),
        )
        if part
    )
    return advise(words, target=target)
