"""The front page's sections: what each app adds to the front page.

The front page knows no feature. Each app registers its sections through the
``front_page_sections`` hook, the way Wagtail's admin dashboard collects its
panels through ``construct_homepage_panels``::

    @hooks.register("front_page_sections")
    def latest_news_section() -> Section:
        return Section(name="latest-news", region=Region.MAIN, order=100, ...)

A section's context is built only when the section is rendered, so a section
cached under the content version reads nothing while the cache holds it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.http import HttpRequest
from django.utils import timezone
from wagtail import hooks

from intranet.core.selectors import content_version

HOOK_NAME = "front_page_sections"


class Region(StrEnum):
    """Where on the front page a section sits."""

    TOP = "top"  # across the page, above the columns
    MAIN = "main"  # the wide column
    ASIDE = "aside"  # the narrow column beside it
    BOTTOM = "bottom"  # across the page, below the columns


@dataclass(frozen=True)
class Section:
    """One part of the front page.

    ``context`` builds the template's variables from the request. A ``cached``
    section looks the same to everyone: it is kept under the content version
    and the day, so it is read again after every publish and at midnight.
    """

    name: str
    template: str
    context: Callable[[HttpRequest], dict]
    region: Region = Region.MAIN
    order: int = 100
    cached: bool = True


def front_page_sections() -> dict[str, list[Section]]:
    """The registered sections by region, each region in order."""
    sections: list[Section] = []
    for hook in hooks.get_hooks(HOOK_NAME):
        registered = hook()
        if isinstance(registered, Section):
            sections.append(registered)
        else:
            sections.extend(registered)
    by_region: dict[str, list[Section]] = {region.value: [] for region in Region}
    for section in sorted(sections, key=lambda section: (section.order, section.name)):
        by_region[section.region.value].append(section)
    return by_region


def stories_version(*, today: datetime.date | None = None) -> str:
    """The cache key part that changes whenever the cached sections may change."""
    today = today or timezone.localdate()
    return f"{content_version()}-{today.isoformat()}"
