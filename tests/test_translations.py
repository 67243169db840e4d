"""Every UI string of ours is in a Norwegian catalogue, and translated there."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".venv", ".git", "media", "staticfiles", "node_modules", "tests"}


def po_files(root: Path = ROOT) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("locale/nb/LC_MESSAGES/django.po")
        if not SKIP_DIRS.intersection(path.relative_to(root).parts)
    )


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
                parts[current].append(line.strip('"'))
        msgid = "".join(parts["msgid"])
        if parts["msgctxt"]:
            msgid = "".join(parts["msgctxt"]) + "\x04" + msgid
        if msgid:
            result.append((msgid, "".join(parts["msgstr"]), fuzzy))
    return result


def test_there_is_a_norwegian_catalogue():
    assert ROOT / "locale/nb/LC_MESSAGES/django.po" in po_files()


def test_every_norwegian_message_is_translated():
    problems = {
        str(path.relative_to(ROOT)): [
            msgid for msgid, msgstr, fuzzy in entries(path) if not msgstr or fuzzy
        ]
        for path in po_files()
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


def test_one_english_text_has_one_norwegian_text_in_every_catalogue():
    """Django merges the catalogues and the first app's translation wins, so a
    text translated two ways shows the other app's words (a table's "Sum" became
    "Totalt" when a later app said so). Different meanings need a context."""
    translations: dict[str, dict[str, str]] = {}
    for path in po_files():
        for msgid, msgstr, _fuzzy in entries(path):
            translations.setdefault(msgid, {})[str(path.relative_to(ROOT))] = msgstr

    conflicting = {
        msgid: by_file
        for msgid, by_file in translations.items()
        if len(set(by_file.values())) > 1
    }

    assert conflicting == {}
