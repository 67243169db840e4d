"""Plain-text comments shown as HTML: everything escaped, then links and
@mentions of real colleagues made into links. Nothing a user typed is ever
rendered as markup."""

import re
from collections.abc import Iterable

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# A mention is @ plus a username (letters, digits and . _ + -), not inside a
# word or an email address, and not ending in punctuation ("@kari.nordmann.").
MENTION = re.compile(r"(?<![\w.@+-])@([\w.+-]*\w)")
URL = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
TOKEN = re.compile(f"{URL.pattern}|{MENTION.pattern}", re.IGNORECASE)
# Trailing characters that end a sentence rather than a link.
URL_TRAILING = ".,;:!?)]}'\""


def mentioned_usernames(text: str) -> set[str]:
    """The usernames @mentioned in a text (lower-cased, unchecked)."""
    return {match.lower() for match in MENTION.findall(text)}


def mentioned_in(texts: Iterable[str]) -> set[str]:
    names: set[str] = set()
    for text in texts:
        names |= mentioned_usernames(text)
    return names


def _link(url: str) -> str:
    return (
        f'<a href="{escape(url)}" rel="nofollow noopener noreferrer">{escape(url)}</a>'
    )


def render_comment(text: str, *, people: dict[str, str]) -> SafeString:
    """The comment as safe HTML. ``people`` maps lower-cased usernames of
    colleagues that exist to their person-page address; other @words stay text.
    """
    parts: list[str] = []
    position = 0
    for match in TOKEN.finditer(text):
        parts.append(escape(text[position : match.start()]))
        token = match.group(0)
        if token.startswith("@"):
            username = match.group(1).lower()
            url = people.get(username)
            parts.append(
                f'<a class="mention" href="{escape(url)}">{escape(token)}</a>'
                if url
                else escape(token)
            )
        else:
            url = token.rstrip(URL_TRAILING)
            parts.append(_link(url))
            parts.append(escape(token[len(url) :]))
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def person_url(username: str) -> str:
    return reverse("people:person", args=[username])
