"""Filtering a list by unit: one field for every listing's unit filter.

Each sector comes first with its units under it, indented, so the list reads
like the organisation. Choosing a sector is allowed: the lists that filter by
unit count a sector's units as part of it. An unknown value (an old link, a
typo, a crafted address) is a form error, never a server error; each list
reports or ignores it as it always has.
"""

import django_filters
from django import forms
from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from intranet.core.models import Unit
from intranet.core.widgets import Select

# Screen readers skip non-breaking spaces; sighted people see the grouping.
_INDENT = "\u00a0" * 3


def units_in_sector_order(units: QuerySet[Unit]) -> QuerySet[Unit]:
    """Order units as the organisation reads: each sector, then its units."""
    return units.order_by(
        Coalesce("parent__name", "name"),
        Coalesce("parent_id", "id"),
        F("parent").asc(nulls_first=True),
        "name",
    )


class SectorThenUnits(forms.models.ModelChoiceIterator):
    def choice(self, obj: Unit) -> tuple:
        value, label = super().choice(obj)
        return value, label if obj.is_sector else f"{_INDENT}{label}"


class UnitFilterField(forms.ModelChoiceField):
    """The unit to filter a list by, never required.

    The value is the unit's slug, as the addresses of the intranet's lists
    carry it; the admin's listings send the id (``to_field_name=None``).
    ``sectors_only`` offers the sectors alone, for figures kept per sector.
    Only the options are indented: a chosen unit is named plainly.
    """

    iterator = SectorThenUnits
    widget = Select

    def __init__(
        self,
        *,
        sectors_only: bool = False,
        to_field_name: str | None = "slug",
        queryset: QuerySet[Unit] | None = None,
        **kwargs,
    ) -> None:
        if queryset is None:
            queryset = Unit.objects.sectors() if sectors_only else Unit.objects.all()
        kwargs.setdefault("label", _("Sector") if sectors_only else _("Unit"))
        kwargs.setdefault(
            "empty_label", _("All sectors") if sectors_only else _("All units")
        )
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid_choice": _("There is no sector “%(value)s”.")
                if sectors_only
                else _("There is no unit “%(value)s”.")
            },
        )
        super().__init__(
            queryset=units_in_sector_order(queryset),
            to_field_name=to_field_name,
            **kwargs,
        )


class UnitFilter(django_filters.ModelChoiceFilter):
    """The unit filter of the admin's listings (django-filter), by id: the
    rows of the chosen unit itself."""

    field_class = UnitFilterField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label", _("Unit"))
        kwargs.setdefault("to_field_name", None)
        super().__init__(*args, **kwargs)
