"""Forms of the annual plan: the filters, the quick-add form, marking done."""

from __future__ import annotations

from dataclasses import dataclass, fields
from urllib.parse import urlencode

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cases.forms import PersonChoiceField
from cases.models import CasePage
from intranet.core.filters import UnitFilterField
from intranet.core.forms import ReadableInputMixin
from intranet.core.models import Unit
from intranet.core.page_access import visible_to
from intranet.core.vocabulary import Audience, Channel
from intranet.planning.models import CommunicationActivity
from intranet.planning.permissions import activity_permission_policy
from intranet.planning.services import validate_dates


@dataclass(frozen=True)
class ActivityFilters:
    """What the plan is narrowed down by. Empty values mean "any"."""

    unit: Unit | None = None
    case: CasePage | None = None
    channel: str = ""
    audience: str = ""
    owner: object | None = None

    def as_kwargs(self) -> dict:
        return {field.name: getattr(self, field.name) for field in fields(self)}


class PersonMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


def _people():
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .order_by("first_name", "last_name", "username")
    )


def _cases_seen_by(user):
    """Live cases the person may see (view restrictions applied)."""
    return (
        CasePage.objects.filter(visible_to(user)).defer_streamfields().order_by("title")
    )


class ActivityFilterForm(forms.Form):
    """Filters from GET parameters. A value that is not known (an old link, a
    typo) is ignored, and `unknown_messages` says so in Norwegian."""

    unit = UnitFilterField()
    case = forms.ModelChoiceField(
        label=_("Case"),
        queryset=CasePage.objects.none(),
        required=False,
        empty_label=_("All cases"),
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[("", _("All channels")), *Channel.choices],
        required=False,
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=[("", _("All audiences")), *Audience.choices],
        required=False,
    )
    owner = PersonChoiceField(
        label=_("Responsible"),
        queryset=_people(),
        to_field_name="username",
        required=False,
        empty_label=_("Everyone"),
    )

    def __init__(self, data=None, *args, user, **kwargs):
        super().__init__(data if data is not None else {}, *args, **kwargs)
        self.fields["case"].queryset = _cases_seen_by(user)
        self.fields["owner"].queryset = _people().select_related("profile__unit")
        self._filters: ActivityFilters | None = None

    def filters(self) -> ActivityFilters:
        if self._filters is None:
            self.is_valid()
            valid = {
                name: value
                for name, value in self.cleaned_data.items()
                if name not in self.errors
            }
            self._filters = ActivityFilters(
                unit=valid.get("unit"),
                case=valid.get("case"),
                channel=valid.get("channel") or "",
                audience=valid.get("audience") or "",
                owner=valid.get("owner"),
            )
        return self._filters

    def unknown_messages(self) -> list[str]:
        """One sentence per filter whose value was not understood."""
        self.filters()
        return [
            _("Unknown value for the filter “%(label)s”: it was ignored.")
            % {"label": self.fields[name].label}
            for name in self.fields
            if name in self.errors
        ]

    def is_filtered(self) -> bool:
        return any(self.filters().as_kwargs().values())

    def query_string(self) -> str:
        """The valid filters as a query string, for links between the views."""
        filters = self.filters()
        params = {
            "unit": filters.unit.slug if filters.unit else "",
            "case": filters.case.pk if filters.case else "",
            "channel": filters.channel,
            "audience": filters.audience,
            "owner": filters.owner.get_username() if filters.owner else "",
        }
        return urlencode({key: value for key, value in params.items() if value})


class DatesMixin:
    """The end date is optional (a one-day activity) and not before the date."""

    def clean(self):
        cleaned_data = super().clean()
        start = cleaned_data.get("start_date")
        if start and not cleaned_data.get("end_date") and "end_date" not in self.errors:
            cleaned_data["end_date"] = start
        end = cleaned_data.get("end_date")
        if start and end:
            try:
                validate_dates(start_date=start, end_date=end)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    for message in messages:
                        self.add_error(field, message)
        return cleaned_data


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class QuickAddForm(DatesMixin, forms.ModelForm):
    """Add an activity from the intranet. The person is responsible for it;
    the communication team may name other people instead."""

    owners = PersonMultipleChoiceField(
        label=_("Responsible"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Empty: you are responsible."),
    )
    case = forms.ModelChoiceField(
        label=_("Case"),
        queryset=CasePage.objects.none(),
        required=False,
        empty_label=_("No case"),
    )

    class Meta:
        model = CommunicationActivity
        fields = [
            "title",
            "description",
            "start_date",
            "end_date",
            "unit",
            "case",
            "audiences",
            "channels",
            "proactive",
        ]
        widgets = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["end_date"].required = False
        self.fields["end_date"].help_text = _("Empty for a one-day activity.")
        self.fields["case"].queryset = _cases_seen_by(user)
        self.fields["unit"].queryset = Unit.objects.order_by("name")
        if activity_permission_policy().manages_all(user):
            self.fields["owners"].queryset = _people()
        else:
            del self.fields["owners"]


class ActivityAdminForm(ReadableInputMixin, DatesMixin, WagtailAdminModelForm):
    """The admin's form: owners edit their own activity and must stay among its
    owners; the story link must be a published story and marks it done."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "end_date" in self.fields:
            self.fields["end_date"].required = False
            self.fields["end_date"].help_text = _("Empty for a one-day activity.")
        if (
            "owners" in self.fields
            and self.instance.pk is None
            and self.for_user is not None
            and not self.initial.get("owners")
        ):
            self.initial["owners"] = [self.for_user.pk]

    def clean(self):
        cleaned_data = super().clean()
        user = self.for_user
        owners = cleaned_data.get("owners")
        if (
            owners is not None
            and user is not None
            and not activity_permission_policy().manages_all(user)
            and user.pk not in {owner.pk for owner in owners}
        ):
            self.add_error(
                "owners",
                _("Keep yourself among those responsible; add colleagues beside you."),
            )
        story = cleaned_data.get("story")
        if story is not None:
            from intranet.planning.services import story_check

            try:
                story_check(story=story)
            except ValidationError as error:
                self.add_error("story", error)
            else:
                cleaned_data["status"] = "done"
                if self.instance.done_at is None:
                    self.instance.done_at = timezone.now()
        elif cleaned_data.get("status") == "done":
            self.add_error(
                "story", _("Link the published story that fulfilled the activity.")
            )
        return cleaned_data


class MarkDoneForm(forms.Form):
    story = forms.ModelChoiceField(
        label=_("Published story"),
        queryset=None,
        empty_label=_("Choose the story"),
    )

    def __init__(self, *args, stories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["story"].queryset = stories
