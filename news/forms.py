from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.core.filters import UnitFilterField
from intranet.core.models import Topic
from intranet.core.widgets import Select


class NewsFilterForm(forms.Form):
    """The news listing's filters. Invalid values are reported and ignored."""

    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
        widget=Select,
    )
    unit = UnitFilterField()
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None, widget=Select
    )

    def __init__(self, data=None, *, years: list[int], **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.fields["year"].choices = [
            ("", _("All years")),
            *((year, str(year)) for year in years),
        ]

    def cleaned_filters(self) -> dict:
        """The valid filters; a field with a bad value counts as not chosen."""
        self.is_valid()
        return {name: self.cleaned_data.get(name) for name in self.fields}

    @property
    def ignored_labels(self) -> list[str]:
        return [str(self.fields[name].label) for name in self.errors]
