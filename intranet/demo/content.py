"""Reading the demo content: the JSON files in ``content/`` beside this module.

Every Norwegian word the demo shows lives in those files; the steps only decide
how it becomes pages, people and rows.
"""

from functools import cache
from json import loads
from pathlib import Path
from typing import Any

CONTENT = Path(__file__).resolve().parent / "content"


@cache
def load(name: str) -> Any:
    """The parsed ``content/<name>.json``, its lists as tuples; read once per process.

    Every caller shares the parsed file, so its lists cannot be changed in place.
    """
    return _frozen(loads((CONTENT / f"{name}.json").read_text(encoding="utf-8")))


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value
