"""The case list's filters: parsed from GET parameters, forgiving of bad input."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import CaseStatus
from intranet.core.filters import UnitFilterField
from intranet.core.models import Topic, Unit
from intranet.core.widgets import Select


@dataclass(frozen=True)
class CaseFilters:
    """What the case list is narrowed down by. Empty values mean "any"."""

    q: str = ""
    unit: Unit | None = None
    status: str = ""
    topic: Topic | None = None


class CaseFilterForm(forms.Form):
    """Filters by text, unit (a sector includes its units), status and topic.

    A value that is not known (an old link, a typo) is ignored rather than
    refused: the list then shows what the rest of the filters select.
    """

    q = forms.CharField(label=_("Text"), required=False, max_length=200)
    unit = UnitFilterField()
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *CaseStatus.choices],
        required=False,
        widget=Select,
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
        widget=Select,
    )

    def filters(self) -> CaseFilters:
        self.is_valid()
        valid = {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors
        }
        return CaseFilters(
            q=(valid.get("q") or "").strip(),
            unit=valid.get("unit"),
            status=valid.get("status") or "",
            topic=valid.get("topic"),
        )

    def is_filtered(self) -> bool:
        filters = self.filters()
        return bool(filters.q or filters.unit or filters.status or filters.topic)

    def query_string(self) -> str:
        """The valid filters as a query string, for pagination links."""
        filters = self.filters()
        params = {
            "q": filters.q,
            "unit": filters.unit.slug if filters.unit else "",
            "status": filters.status,
            "topic": filters.topic.slug if filters.topic else "",
        }
        return urlencode({key: value for key, value in params.items() if value})
