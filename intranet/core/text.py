"""Plain-text hygiene for values that end up in e-mail headers, calendars and feeds."""

import re

from django.utils.text import slugify

# C0 and C1 control characters (with DEL) and the Unicode line and paragraph
# separators: none of them belongs in a one-line value such as a title.
_CONTROLS = "\x00-\x1f\x7f-\x9f\u2028\u2029"
_CONTROL_RUN = re.compile(rf"\s*[{_CONTROLS}]+\s*")
# In multi-line text, only the line feed and the tab are kept.
_CONTROLS_EXCEPT_LF_TAB = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def single_line(text: str) -> str:
    """The text on one line: every run of control characters (line breaks,
    tabs, NUL, escape sequences …) becomes one space, and the ends are trimmed.
    """
    return _CONTROL_RUN.sub(" ", text).strip()


def without_controls(text: str) -> str:
    """Multi-line text with its line breaks as plain line feeds and every other
    control character except the tab removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return _CONTROLS_EXCEPT_LF_TAB.sub("", text)


_NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})


def slugify_nb(text: str) -> str:
    """An ASCII slug for Norwegian text: æ, ø and å become ae, o and a (as in
    the admin's own transliteration), not dropped or kept as %C3%A5."""
    return slugify(text.lower().translate(_NORWEGIAN_LETTERS))
