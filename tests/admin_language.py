"""Record the messages Wagtail's screens translate into Norwegian and list those
that came back in English (Wagtail's own catalogue lacks many; the project fills
them in `intranet/core/wagtail_nb/locale`)."""

import os

import pytest
from django.utils import translation
from django.utils.translation import trans_real

# Messages that read the same in Norwegian (and the language names, which the
# language menus give in Norwegian already).
SAME_IN_NORWEGIAN = {
    "%s MB",
    "Admin",
    "Engelsk",
    "Norsk bokmål",
    # Django's Bokmål name for Nynorsk, until the project's catalogue gives its own.
    "Norsk (nynorsk)",
    "Norsk nynorsk",
    "OK",
    "Person",
    "Status",
    "Status: ",
    "Type",
    "Video",
    "Wagtail",
    "status",
}


@pytest.fixture
def untranslated(monkeypatch):
    """Record every message translated into Norwegian that stayed English."""
    found: set[str] = set()
    catalogue = trans_real.translation("nb")

    def recording(name, pick):
        original = getattr(catalogue, name)

        def translate(*args):
            result = original(*args)
            message = pick(args)
            if translation.get_language() == "nb" and result == message:
                found.add(message)
            return result

        return translate

    for name, pick in [
        ("gettext", lambda args: args[0]),
        ("pgettext", lambda args: args[1]),
        ("ngettext", lambda args: args[0] if args[2] == 1 else args[1]),
        ("npgettext", lambda args: args[1] if args[3] == 1 else args[2]),
    ]:
        monkeypatch.setattr(catalogue, name, recording(name, pick))
    return found


def english(found: set[str]) -> list[str]:
    messages = sorted(
        message
        for message in found
        if message not in SAME_IN_NORWEGIAN and any(c.isalpha() for c in message)
    )
    dump = os.environ.get("UNTRANSLATED_DUMP")
    if dump:  # a maintainer's aid: collect the messages to translate
        with open(dump, "a", encoding="utf-8") as out:
            out.writelines(f"{message!r}\n" for message in messages)
    return messages
