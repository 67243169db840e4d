"""The text of an uploaded document (PDF, Word .docx, OpenDocument .odt, plain
text), for search.

Extraction runs synchronously when a document is uploaded or replaced, and in
``search_rebuild``: it is bounded, so it costs at most a few seconds per file
whatever the file holds. At most ``MAX_PAGES`` pages of a PDF, ``MAX_CHARS``
characters of text, ``MAX_XML_BYTES`` of a .docx's or .odt's XML and
``MAX_SECONDS`` of work (checked between PDF pages) are read. A file that cannot
be read (broken, encrypted with a password, of another kind, missing from the
storage) gives "" and the document is found by its title only: extraction never
raises, so it never fails an upload or a rebuild.

Word and OpenDocument text is read from the zip's XML with the standard library:
tags are dropped by pattern, never parsed, so no entity or external reference in
a hostile file is ever expanded.
"""

import html
import io
import logging
import re
import time
import zipfile
from typing import BinaryIO

logger = logging.getLogger(__name__)

MAX_PAGES = 100
MAX_CHARS = 200_000
MAX_SECONDS = 5.0
MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_XML_BYTES = 20 * 1024 * 1024

#: File extension -> the zip member that holds the text.
ZIPPED_TEXT = {"docx": "word/document.xml", "odt": "content.xml"}
PLAIN_TEXT = {"txt", "csv"}
EXTENSIONS = {"pdf", *ZIPPED_TEXT, *PLAIN_TEXT}

# Tags that end a line or stand for a space, in Word and OpenDocument XML.
LINE_END_RE = re.compile(
    r"</w:p>|<w:br\b[^>]*/>|<w:cr\b[^>]*/>|</text:p>|</text:h>|<text:line-break\b[^>]*/>"
)
SPACE_RE = re.compile(r"<w:tab\b[^>]*/>|<text:tab\b[^>]*/>|<text:s\b[^>]*/>")
TAG_RE = re.compile(r"<[^>]*>")


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def text_of_file(file: BinaryIO, *, name: str) -> str:
    """The text of a file named ``name`` (its extension says its kind); "" when
    it has none or cannot be read."""
    extension = extension_of(name)
    if extension not in EXTENSIONS:
        return ""
    started = time.monotonic()
    try:
        data = file.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            return ""
        if extension == "pdf":
            text = _pdf_text(data, started=started)
        elif extension in ZIPPED_TEXT:
            text = _zipped_xml_text(data, member=ZIPPED_TEXT[extension])
        else:
            text = _plain_text(data)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is found by title
        logger.info("No text read from %s: %r", name, exc)
        return ""
    return _tidy(text)[:MAX_CHARS]


def _pdf_text(data: bytes, *, started: float) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        return ""  # needs a password: title only
    parts: list[str] = []
    length = 0
    for number, page in enumerate(reader.pages):
        if number >= MAX_PAGES or length >= MAX_CHARS:
            break
        if time.monotonic() - started > MAX_SECONDS:
            logger.info("PDF text cut after %d pages: took too long", number)
            break
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
    return "\n".join(parts)


def _zipped_xml_text(data: bytes, *, member: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo(member)
        if info.file_size > MAX_XML_BYTES:
            return ""
        with archive.open(info) as xml_file:
            xml = xml_file.read(MAX_XML_BYTES + 1).decode("utf-8", errors="replace")
    xml = SPACE_RE.sub(" ", LINE_END_RE.sub("\n", xml))
    return html.unescape(TAG_RE.sub("", xml))


def _plain_text(data: bytes) -> str:
    data = data[: MAX_CHARS * 4]
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _tidy(text: str) -> str:
    """One line per line of text, spaces collapsed, no empty lines, no NUL."""
    lines = (" ".join(line.split()) for line in text.replace("\x00", " ").splitlines())
    return "\n".join(line for line in lines if line)
