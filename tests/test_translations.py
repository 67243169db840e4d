"""Every UI string of ours has a Norwegian translation."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def po_files() -> list[Path]:
    return [
        path
        for path in ROOT.rglob("locale/nb/LC_MESSAGES/django.po")
        if ".venv" not in path.parts
    ]


def untranslated(path: Path) -> list[str]:
    """Return msgids with an empty msgstr or marked fuzzy."""
    missing = []
    entries = path.read_text(encoding="utf-8").split("\n\n")
    for entry in entries:
        lines = [line for line in entry.strip().splitlines() if line.strip()]
        msgid_lines, msgstr_lines, current = [], [], None
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        for line in lines:
            if line.startswith("msgid "):
                current = msgid_lines
                line = line[len("msgid ") :]
            elif line.startswith(("msgstr ", "msgstr[")):
                current = msgstr_lines
                line = line.split(" ", 1)[1]
            elif line.startswith("msgid_plural "):
                current = None
            elif not line.startswith('"'):
                continue
            if current is not None:
                current.append(line.strip().strip('"'))
        msgid, msgstr = "".join(msgid_lines), "".join(msgstr_lines)
        if msgid and (not msgstr or fuzzy):
            missing.append(msgid)
    return missing


def test_there_is_a_norwegian_catalogue():
    assert (ROOT / "locale/nb/LC_MESSAGES/django.po") in po_files()


def test_every_norwegian_message_is_translated():
    problems = {
        str(path.relative_to(ROOT)): untranslated(path)
        for path in po_files()
        if untranslated(path)
    }

    assert problems == {}
