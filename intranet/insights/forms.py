import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.core.filters import UnitFilterField
from intranet.insights.dashboard import Filters
from intranet.insights.models import SCORES

MAX_MONTHS = 36


class MonthInput(forms.DateInput):
    input_type = "month"


class MonthField(forms.DateField):
    """A month as YYYY-MM (what <input type="month"> sends)."""

    widget = MonthInput(format="%Y-%m")
    input_formats = ["%Y-%m"]
    default_error_messages = {"invalid": _("Enter a month as YYYY-MM.")}


def _months_back(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)


class DashboardFilterForm(forms.Form):
    """Period (from/to month) and sector. Bad input gives a form error and the
    default period (the last twelve months)."""

    from_month = MonthField(label=_("From month"), required=False)
    to_month = MonthField(label=_("To month"), required=False)
    sector = UnitFilterField(sectors_only=True)

    def clean(self):
        data = super().clean()
        start, end = data.get("from_month"), data.get("to_month")
        if start and end:
            if start > end:
                raise forms.ValidationError(
                    _("The first month must come before the last.")
                )
            if (end.year - start.year) * 12 + end.month - start.month >= MAX_MONTHS:
                raise forms.ValidationError(
                    _("Choose a period of at most %(months)s months.")
                    % {"months": MAX_MONTHS}
                )
        return data

    @staticmethod
    def default_filters() -> Filters:
        today = timezone.localdate()
        return Filters(start=_months_back(today, 11), end=today)

    def filters(self) -> Filters:
        default = self.default_filters()
        if not self.is_valid():
            return default
        start = self.cleaned_data.get("from_month") or default.start
        end = self.cleaned_data.get("to_month")
        end = _end_of_month(end) if end else default.end
        if start > end:
            start = _months_back(end, 11)
        return Filters(start=start, end=end, sector=self.cleaned_data.get("sector"))


def _end_of_month(month: datetime.date) -> datetime.date:
    following = (month.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return following - datetime.timedelta(days=1)


class PulseAnswerForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your answer"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a number from 1 to 5."),
            "invalid_choice": _("Choose a number from 1 to 5."),
        },
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        help_text=_(
            "Do not write names or anything that tells who you are; the answer "
            "is anonymous."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
