"""Reading the demo content: the JSON files in ``content/`` beside this module.

Every Norwegian word the demo shows lives in those files; the steps only decide
how it becomes pages, people and rows.
"""

from functools import cache
from json import loads
from pathlib import Path
from typing import Any

from django.utils.text import slugify

CONTENT = Path(__file__).resolve().parent / "content"


@cache
def load(name: str) -> Any:
    """The parsed ``content/<name>.json``; read once per process."""
    return loads((CONTENT / f"{name}.json").read_text(encoding="utf-8"))


def slugify_nb(text: str) -> str:
    """A slug for Norwegian text: æ, ø and å become ae, o and a, not dropped."""
    text = text.lower()
    return slugify(text.replace("æ", "ae").replace("ø", "o").replace("å", "a"))
