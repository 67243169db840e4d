"""Every UI string of ours is in a Norwegian catalogue, and translated there: in
Bokmål (nb, the default) and in Nynorsk (nn, which a person may choose)."""

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".venv", ".git", "media", "staticfiles", "node_modules", "tests"}
LANGUAGES = ["nb", "nn"]
# What must come through a translation unchanged: %(name)s and %s, {name} and
# HTML tags.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[sdif]|\{[^{}]*\}|<[^>]+>")


def po_files(
    root: Path = ROOT, language: str = "nb", domain: str = "django"
) -> list[Path]:
    return sorted(
        path
        for path in root.rglob(f"locale/{language}/LC_MESSAGES/{domain}.po")
        if not SKIP_DIRS.intersection(path.relative_to(root).parts)
    )


def nynorsk_beside(bokmal: Path) -> Path:
    return bokmal.parents[2] / "nn" / "LC_MESSAGES" / bokmal.name


def entries(path: Path) -> list[tuple[str, str, bool]]:
    """Return (msgid, msgstr, fuzzy) for each entry; plural forms joined, and a
    context put before the msgid as gettext does (``context\x04msgid``)."""
    result = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines()]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        parts: dict[str, list[str]] = {"msgctxt": [], "msgid": [], "msgstr": []}
        current = None
        for line in lines:
            keyword = re.match(
                r"^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) ", line
            )
            if keyword:
                name = keyword.group(1)
                current = "msgstr" if name.startswith("msgstr") else name
                line = line[keyword.end() :]
            elif not line.startswith('"'):
                continue
            if current in parts:
                # One quoted string per line; an escaped quote may end it.
                parts[current].append(line[1:-1])
        msgid = "".join(parts["msgid"])
        if parts["msgctxt"]:
            msgid = "".join(parts["msgctxt"]) + "\x04" + msgid
        if msgid:
            result.append((msgid, "".join(parts["msgstr"]), fuzzy))
    return result


def test_there_is_a_norwegian_catalogue():
    assert ROOT / "locale/nb/LC_MESSAGES/django.po" in po_files()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_norwegian_message_is_translated(language):
    problems = {
        str(path.relative_to(ROOT)): [
            msgid for msgid, msgstr, fuzzy in entries(path) if not msgstr or fuzzy
        ]
        for path in po_files(language=language)
    }

    assert {path: ids for path, ids in problems.items() if ids} == {}


def test_catalogues_contain_every_string_in_the_code(tmp_path):
    """Extract strings from a copy of the code and compare with what is committed."""
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(*SKIP_DIRS, "__pycache__", "*.mo")
    )
    # The product's settings: the test settings add an app from tests/, which
    # the copy leaves out (its strings are the tests', not the product's).
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "intranet.settings.dev"}
    subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "makemessages", "-l", "nb", "-v", "0"],
        cwd=copy,
        env=env,
        check=True,
        timeout=120,
    )

    missing = {}
    for extracted in po_files(copy):
        committed = ROOT / extracted.relative_to(copy)
        have = {msgid for msgid, _msgstr, _fuzzy in entries(committed)}
        new = sorted({msgid for msgid, _, _ in entries(extracted)} - have)
        if new:
            missing[str(committed.relative_to(ROOT))] = new

    assert missing == {}, "Run `make makemessages` and translate the new strings"


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_english_text_has_one_norwegian_text_in_every_catalogue(language):
    """Django merges the catalogues and the first app's translation wins, so a
    text translated two ways shows the other app's words (a table's "Sum" became
    "Totalt" when a later app said so). Different meanings need a context."""
    translations: dict[str, dict[str, str]] = {}
    for path in po_files(language=language):
        for msgid, msgstr, _fuzzy in entries(path):
            translations.setdefault(msgid, {})[str(path.relative_to(ROOT))] = msgstr

    conflicting = {
        msgid: by_file
        for msgid, by_file in translations.items()
        if len(set(by_file.values())) > 1
    }

    assert conflicting == {}


def test_every_bokmal_message_has_a_nynorsk_text_with_the_same_placeholders():
    """A text added in Bokmål needs its Nynorsk too (`make makemessages` adds it to
    both catalogues, untranslated in nn until someone writes it), or a person who
    chose Nynorsk sees Bokmål there; a placeholder lost or misspelt in Nynorsk
    breaks the page or the sentence."""
    missing: dict[str, list[str]] = {}
    placeholders_differ: dict[str, list[str]] = {}
    for bokmal in po_files() + po_files(domain="djangojs"):
        name = str(bokmal.relative_to(ROOT))
        nynorsk_path = nynorsk_beside(bokmal)
        nynorsk = (
            {msgid: (msgstr, fuzzy) for msgid, msgstr, fuzzy in entries(nynorsk_path)}
            if nynorsk_path.exists()
            else {}
        )
        for msgid, bokmal_text, _fuzzy in entries(bokmal):
            nynorsk_text, fuzzy = nynorsk.get(msgid, ("", False))
            if not nynorsk_text or fuzzy:
                missing.setdefault(name, []).append(msgid)
            elif Counter(PLACEHOLDER.findall(nynorsk_text)) != Counter(
                PLACEHOLDER.findall(bokmal_text)
            ):
                placeholders_differ.setdefault(name, []).append(msgid)

    assert missing == {}, "Translate these into Nynorsk (nn) too"
    assert placeholders_differ == {}
