"""Forms of the annual plan: the filters, the quick-add form, marking done."""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass, fields
from urllib.parse import urlencode

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

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


def _find_one(queryset, lookups, text: str):
    """The one row that `text` names, trying `lookups` in order (each a
    function from the text to a Q, or None when it does not apply): the first
    that finds exactly one row wins. Returns (row or None, ambiguous)."""
    ambiguous = False
    for lookup in lookups:
        condition = lookup(text)
        if condition is None:
            continue
        found = list(queryset.filter(condition)[:2])
        if len(found) == 1:
            return found[0], False
        ambiguous = ambiguous or len(found) > 1
    return None, ambiguous


class _LookupField(forms.ModelChoiceField):
    """Chooses one row by what a person types, not from a list: a list of
    every case or every colleague would run to thousands of options. A text
    that names several rows is refused as ambiguous."""

    widget = forms.TextInput

    def __init__(self, *args, lookups, **kwargs):
        super().__init__(*args, **kwargs)
        self.lookups = lookups

    def to_python(self, value):
        value = value.strip() if isinstance(value, str) else value
        if value in self.empty_values:
            return None
        row, ambiguous = _find_one(self.queryset, self.lookups, str(value))
        if row is not None:
            return row
        if ambiguous:
            raise ValidationError(self.error_messages["ambiguous"], code="ambiguous")
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice"
        )


class _PeopleField(forms.CharField):
    """People typed by username or full name, separated by commas."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.queryset = get_user_model().objects.none()

    def clean(self, value) -> list:
        text = super().clean(value)
        people, unknown, ambiguous = [], [], []
        for name in dict.fromkeys(part.strip() for part in text.split(",")):
            if not name:
                continue
            person, several = _find_one(self.queryset, PERSON_LOOKUPS, name)
            if person is not None:
                people.append(person)
            else:
                (ambiguous if several else unknown).append(name)
        errors = []
        if unknown:
            errors.append(
                ValidationError(
                    _("No colleague is called %(names)s."),
                    code="unknown",
                    params={"names": ", ".join(f"«{name}»" for name in unknown)},
                )
            )
        if ambiguous:
            errors.append(
                ValidationError(
                    _("Several people are called %(names)s; write the username."),
                    code="ambiguous",
                    params={"names": ", ".join(f"«{name}»" for name in ambiguous)},
                )
            )
        if errors:
            raise ValidationError(errors)
        return list({person.pk: person for person in people}.values())


def _by_number(text: str) -> Q | None:
    if text.isascii() and text.isdigit() and len(text) < 19:
        return Q(pk=int(text))
    return None


def _by_title(text: str) -> Q:
    return Q(title__iexact=text)


def _by_title_words(text: str) -> Q:
    return Q(title__icontains=text)


def _by_username(text: str) -> Q:
    return Q(username__iexact=text)


def _by_full_name(text: str) -> Q | None:
    """First and last name, split at any space ("Anne Marie Berg Olsen")."""
    words = text.split()
    if len(words) < 2:
        return None
    splits = [
        Q(
            first_name__iexact=" ".join(words[:cut]),
            last_name__iexact=" ".join(words[cut:]),
        )
        for cut in range(1, len(words))
    ]
    return functools.reduce(operator.or_, splits)


CASE_LOOKUPS = [_by_number, _by_title, _by_title_words]
PERSON_LOOKUPS = [_by_username, _by_full_name]


class ActivityFilterForm(forms.Form):
    """Filters from GET parameters. A value that is not known (an old link, a
    typo) is ignored, and `unknown_messages` says so in Norwegian.

    The case and the person are typed, not chosen from a list (there may be
    thousands): a case by its number or title, a person by username or full
    name. Links carry the case's number and the person's username."""

    unit = UnitFilterField()
    case = _LookupField(
        label=_("Case"),
        queryset=CasePage.objects.none(),
        required=False,
        lookups=CASE_LOOKUPS,
        widget=forms.TextInput(
            attrs={"placeholder": _("Number or title"), "autocomplete": "off"}
        ),
        error_messages={
            "ambiguous": _("Several cases match; write more of the title."),
        },
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
    owner = _LookupField(
        label=_("Responsible"),
        queryset=_people(),
        to_field_name="username",
        required=False,
        lookups=PERSON_LOOKUPS,
        widget=forms.TextInput(
            attrs={"placeholder": _("Username or full name"), "autocomplete": "off"}
        ),
        error_messages={
            "ambiguous": _("Several people have that name; write the username."),
        },
    )

    def __init__(self, data=None, *args, user, **kwargs):
        super().__init__(data if data is not None else {}, *args, **kwargs)
        self.fields["case"].queryset = _cases_seen_by(user)
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
        messages = []
        for name, errors in self.errors.as_data().items():
            label = self.fields[name].label
            if errors[0].code == "ambiguous":
                messages.append(
                    _("“%(label)s”: %(reason)s It was ignored.")
                    % {"label": label, "reason": errors[0].messages[0]}
                )
            else:
                messages.append(
                    _("Unknown value for the filter “%(label)s”: it was ignored.")
                    % {"label": label}
                )
        return messages

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

    owners = _PeopleField(
        label=_("Responsible"),
        required=False,
        help_text=_(
            "Usernames or full names, separated by commas. Empty: you are responsible."
        ),
    )
    case = _LookupField(
        label=_("Case"),
        queryset=CasePage.objects.none(),
        required=False,
        lookups=CASE_LOOKUPS,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("The case's number or title, if the activity is about a case."),
        error_messages={
            "invalid_choice": _("No case you may see has that number or title."),
            "ambiguous": _("Several cases match; write more of the title."),
        },
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
