"""One stylesheet and one script for every page, joined from their source files.

`settings.STATIC_BUNDLES` names each bundle and its sources, in order. The sources
stay separate files to edit; `BundleFinder` joins them whenever the bundle is looked
for, so `runserver` and the test server serve the current sources, and
`collectstatic` collects the bundle like any other file, for the production storage
to give it a hashed name and compress it (gzip and Brotli). A phone then fetches
one stylesheet and one script, once for the whole site.

Nothing is minified: Brotli already takes the stylesheet from 35 to 6.4 kB, and
minifying first would save another 1 kB (benchmarks/README.md, `mobile_bench.py`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import checks
from django.core.files.storage import FileSystemStorage


class BundleFinder(finders.BaseFinder):
    """Finds each bundle of `STATIC_BUNDLES`, built afresh in a temporary folder."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._storage: FileSystemStorage | None = None

    @property
    def storage(self) -> FileSystemStorage:
        # Made on first use: Django's checks create the finders in every process.
        if self._storage is None:
            folder = tempfile.mkdtemp(prefix="static-bundles-")
            self._storage = FileSystemStorage(location=folder)
            weakref.finalize(self._storage, shutil.rmtree, folder, ignore_errors=True)
        return self._storage

    def check(self, **kwargs) -> list[checks.CheckMessage]:
        return [
            checks.Error(
                f"{source}, part of the static bundle {bundle}, is not found.",
                id="core.E001",
            )
            for bundle, sources in settings.STATIC_BUNDLES.items()
            for source in sources
            if _source(source) is None
        ]

    def find(self, path: str, find_all: bool = False, **kwargs):
        if path not in settings.STATIC_BUNDLES:
            return [] if find_all else None
        built = self._build(path)
        return [built] if find_all else built

    def list(self, ignore_patterns):
        for path in settings.STATIC_BUNDLES:
            self._build(path)
            yield path, self.storage

    def _build(self, path: str) -> str:
        parts = []
        for source in settings.STATIC_BUNDLES[path]:
            found = _source(source)
            if found is None:
                raise FileNotFoundError(f"{source} (in the bundle {path})")
            text = Path(found).read_text(encoding="utf-8").rstrip()
            # A script that ends without a semicolon must not run into the next.
            if path.endswith(".js") and not text.endswith(";"):
                text += ";"
            parts.append(f"/* {source} */\n{text}\n")
        target = Path(self.storage.path(path))
        target.parent.mkdir(parents=True, exist_ok=True)
        # Written aside and moved into place: a request for the bundle in another
        # thread of the development server never reads half a file.
        fd, partial = tempfile.mkstemp(dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("".join(parts))
        os.replace(partial, target)
        return str(target)


def _source(path: str) -> str | None:
    """Where another finder finds a bundle's source."""
    for finder in finders.get_finders():
        if not isinstance(finder, BundleFinder) and (found := finder.find(path)):
            return found
    return None
