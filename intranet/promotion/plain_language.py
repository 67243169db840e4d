"""The plain-language advice on an external version: a text for citizens, so
it is read as one (say "du") and measured against the team's external target."""

from __future__ import annotations

from django.http import HttpRequest

from intranet.core.models import PlainLanguageSettings
from intranet.core.plain_language import Advice, Audience, advise, text_from_html
from intranet.core.text import single_line


def external_advice(
    request: HttpRequest, *, title: str, lead: str, body_html: str
) -> Advice:
    """The advice for an external version's title, lead and body (rich text)."""
    target = PlainLanguageSettings.load(request_or_site=request).external_target_lix
    words = "\n".join(
        part
        for part in (
            single_line(title or ""),
            single_line(lead or ""),
            text_from_html(body_html or ""),
        )
        if part
    )
    return advise(words, target=target, audience=Audience.CITIZENS)
