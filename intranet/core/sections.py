"""Sections: what each app adds to a page that belongs to another.

The front page knows no feature, and "Mine saker" knows nothing of promotion.
Each app registers its sections through a hook (``front_page_sections``,
``my_cases_sections``), the way Wagtail's admin dashboard collects its panels
through ``construct_homepage_panels``::

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

from intranet.core.selectors import content_version_key

FRONT_PAGE = "front_page_sections"
MY_CASES = "my_cases_sections"


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
    section is kept under the content version and the day, so it is read
    again after every publish and at midnight; it looks the same to everyone
    unless ``vary`` names what else it depends on (the reader's unit, a
    filter): everyone with the same ``vary(request)`` shares one copy.

    A section that shows pages of some content ``scopes`` only (articles, case
    updates: see ``ContentVersion``) names them, and is kept when only pages
    of other scopes are published; any other change still moves it.
    """

    name: str
    template: str
    context: Callable[[HttpRequest], dict]
    region: Region = Region.MAIN
    order: int = 100
    cached: bool = True
    vary: Callable[[HttpRequest], str] | None = None
    scopes: tuple[str, ...] | None = None

    def vary_key(self, request: HttpRequest) -> str:
        return self.vary(request) if self.vary else ""

    def version(self, *, today: datetime.date | None = None) -> str:
        """The key part that changes whenever the cached copy may be out of date:
        what it shows changed, or a new day began."""
        today = today or timezone.localdate()
        return f"{content_version_key(self.scopes)}-{today.isoformat()}"


def registered_sections(hook_name: str) -> list[Section]:
    """The sections registered under a hook, in order."""
    sections: list[Section] = []
    for hook in hooks.get_hooks(hook_name):
        registered = hook()
        if isinstance(registered, Section):
            sections.append(registered)
        else:
            sections.extend(registered)
    return sorted(sections, key=lambda section: (section.order, section.name))


def front_page_sections() -> dict[str, list[Section]]:
    """The front page's sections by region, each region in order."""
    by_region: dict[str, list[Section]] = {region.value: [] for region in Region}
    for section in registered_sections(FRONT_PAGE):
        by_region[section.region.value].append(section)
    return by_region


#: Parts of a unit's page that other apps add (the plan's coming activities):
#: each hook is a function of the request and the unit returning HTML ("" for
#: nothing), so the people app knows none of them.
UNIT_PAGE = "unit_page_parts"


def unit_page_parts(request: HttpRequest, unit) -> list[str]:
    """The HTML each app adds to the unit's page, in hook order."""
    parts = (hook(request, unit) for hook in hooks.get_hooks(UNIT_PAGE))
    return [part for part in parts if part]
