"""The composer's form for a new case, with the communication assessment as a
short guided step.

The rules are the admin's (`cases.forms.CasePageForm`, `cases.communication`,
`CasePage.clean`), said at the field in plain Norwegian before anything is
saved: the creator is the first owner and stays among the owners unless they
may change every case anyway; an owner is listed once; the expected end is not
before the start; and publishing needs a complete communication assessment,
while a draft may stop halfway.
"""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.communication import assessment_problems
from cases.forms import _may_change_all_cases
from cases.models import CaseIndexPage, CasePage, CasePlannedMeasure, CaseStatus
from intranet.composer.people_forms import PeopleField
from intranet.core.models import Topic, Unit
from intranet.core.text import single_line, without_controls
from intranet.core.vocabulary import Audience, Channel, CommunicationNeed

#: How many planned measures the form offers (more in the full editor).
MEASURE_ROWS = 3
MEASURES_PREFIX = "measures"

#: Fields whose typed text is kept when a session runs out mid-sentence.
TYPED_FIELDS = (
    "title",
    "summary",
    "owners",
    "unit",
    "status",
    "start_date",
    "expected_end_date",
    "topics",
    "communication_need",
    "communication_audiences",
    "communication_channels",
    "communication_key_messages",
)
_LISTS = ("topics", "communication_audiences", "communication_channels")
_MEASURE_FIELDS = ("title", "planned_date", "channel", "audience")
_MAX_TYPED = 4000

NOT_PUBLISHABLE = _(
    "The case cannot be published before its need for communication has been "
    "assessed. Answer “Who needs to know about this?”, or save it as a draft."
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


_DATE_ERRORS = {"invalid": _("Write the date as dd.mm.yyyy.")}
_DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class UnitChoiceField(forms.ModelChoiceField):
    """Units by name, with their sector when they have one."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.parent.name})" if obj.parent_id else obj.name


class NewCaseForm(forms.Form):
    """A case as the composer writes it: what it is, who owns it, and who needs
    to know. `publish` says whether the assessment must be complete."""

    title = forms.CharField(
        label=_("Name of the case"),
        max_length=255,
        error_messages={"required": _("Give the case a name.")},
    )
    summary = forms.CharField(
        label=_("What is the case about?"),
        max_length=CasePage._meta.get_field("summary").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences, shown in the case list and in search."),
        error_messages={"required": _("Say in a few sentences what the case is.")},
    )
    owners = PeopleField(
        label=_("Owners"),
        error_messages={"required": _("A case needs at least one owner.")},
    )
    unit = UnitChoiceField(
        label=_("Responsible unit"),
        queryset=Unit.objects.select_related("parent").order_by("name"),
        empty_label=_("Choose a unit"),
        error_messages={
            "required": _("Choose the unit responsible for the case."),
            "invalid_choice": _("Choose a unit from the list."),
        },
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=CaseStatus.choices,
        initial=CaseStatus.PLANNED,
        error_messages={"invalid_choice": _("Choose a status from the list.")},
    )
    start_date = forms.DateField(
        label=_("Start date"),
        required=False,
        widget=DateInput(),
        input_formats=_DATE_FORMATS,
        error_messages=_DATE_ERRORS,
    )
    expected_end_date = forms.DateField(
        label=_("Expected end date"),
        required=False,
        widget=DateInput(),
        input_formats=_DATE_FORMATS,
        error_messages=_DATE_ERRORS,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Colleagues who follow a topic hear about the case."),
    )

    # The guided step: "Hvem trenger å vite om dette?"
    communication_need = forms.ChoiceField(
        label=_("How much do others need to hear about it?"),
        choices=CommunicationNeed.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "None: it concerns only those who work on it. Low: good to know. "
            "High: many are affected, or it will be noticed outside."
        ),
        error_messages={"invalid_choice": _("Choose none, low or high.")},
    )
    communication_audiences = forms.MultipleChoiceField(
        label=_("Who needs to know?"),
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    communication_channels = forms.MultipleChoiceField(
        label=_("Where will you tell them?"),
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    communication_key_messages = forms.CharField(
        label=_("What must they understand?"),
        max_length=CasePage._meta.get_field("communication_key_messages").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The key messages, in a sentence or two."),
    )
    # One token per opened form, so a double-click creates one case.
    submission = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("The form could not be read. Reload the page and try again."),
            "invalid": _("The form could not be read. Reload the page and try again."),
        },
    )

    def __init__(
        self, *args, user, index: CaseIndexPage, publish: bool = False, **kwargs
    ) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("submission", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.user = user
        self.index = index
        self.publish = publish

    def clean_title(self) -> str:
        title = single_line(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Give the case a name."))
        return title

    def clean_summary(self) -> str:
        summary = without_controls(self.cleaned_data["summary"]).strip()
        if not summary:
            raise forms.ValidationError(_("Say in a few sentences what the case is."))
        return summary

    def clean_communication_key_messages(self) -> str:
        return without_controls(self.cleaned_data["communication_key_messages"]).strip()

    def clean_owners(self) -> list:
        owners = self.cleaned_data["owners"]
        mine = [owner for owner in owners if owner.pk == self.user.pk]
        if mine:
            # Whoever creates a case is its first owner.
            return mine + [owner for owner in owners if owner.pk != self.user.pk]
        if not _may_change_all_cases(self.user, self.index):
            raise forms.ValidationError(
                _(
                    "You become the first owner of a case you create. Keep yourself "
                    "among the owners; you can add colleagues as co-owners."
                )
            )
        return owners

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start_date"), data.get("expected_end_date")
        if start and end and end < start:
            self.add_error(
                "expected_end_date",
                _("The expected end date cannot be before the start date."),
            )
        if self.publish:
            problems = assessment_problems(
                need=data.get("communication_need") or "",
                audiences=data.get("communication_audiences") or [],
                channels=data.get("communication_channels") or [],
                key_messages=data.get("communication_key_messages") or "",
            )
            for name, message in problems.items():
                if name not in self.errors:
                    self.add_error(name, message)
            if problems:
                self.add_error(None, NOT_PUBLISHABLE)
        return data

    def case_fields(self) -> dict:
        """The cleaned form as `cases.services.case_create` takes it."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "summary": data["summary"],
            "owners": data["owners"],
            "unit": data["unit"],
            "status": data["status"],
            "start_date": data.get("start_date"),
            "expected_end_date": data.get("expected_end_date"),
            "topics": list(data.get("topics") or []),
            "communication_need": data.get("communication_need") or "",
            "communication_audiences": list(data.get("communication_audiences") or []),
            "communication_channels": list(data.get("communication_channels") or []),
            "communication_key_messages": data.get("communication_key_messages", ""),
        }


class PlannedMeasureForm(forms.Form):
    """One planned measure: what, for whom, where and when. A row left empty
    is no measure; a row begun must be finished."""

    title = forms.CharField(
        label=_("What will you do?"),
        max_length=CasePlannedMeasure._meta.get_field("title").max_length,
        error_messages={"required": _("Say what the measure is.")},
    )
    audience = forms.ChoiceField(
        label=_("For whom?"),
        choices=[("", _("Choose")), *Audience.choices],
        error_messages={"required": _("Choose who the measure is for.")},
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[("", _("Choose")), *Channel.choices],
        error_messages={"required": _("Choose a channel.")},
    )
    planned_date = forms.DateField(
        label=_("When?"),
        widget=DateInput(),
        input_formats=_DATE_FORMATS,
        error_messages={
            **_DATE_ERRORS,
            "required": _("Choose the date the measure is planned for."),
        },
    )

    def clean_title(self) -> str:
        title = single_line(self.cleaned_data["title"])
        if not title:
            raise forms.ValidationError(_("Say what the measure is."))
        return title


class BasePlannedMeasureFormSet(forms.BaseFormSet):
    """Every row starts empty; `rows` fills some in again (kept text), without
    making them the formset's "initial" rows, which could not be left empty."""

    def __init__(self, *args, rows: list[dict] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows or []

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and index < len(self.rows):
            kwargs["initial"] = self.rows[index]
        return kwargs

    def measures(self) -> list[dict]:
        """The rows filled in, as `CasePlannedMeasure` fields."""
        return [
            {name: form.cleaned_data[name] for name in _MEASURE_FIELDS}
            for form in self.forms
            if form.has_changed() and form.cleaned_data
        ]


PlannedMeasureFormSet = forms.formset_factory(
    PlannedMeasureForm,
    formset=BasePlannedMeasureFormSet,
    extra=MEASURE_ROWS,
    max_num=MEASURE_ROWS,
    absolute_max=MEASURE_ROWS,
    validate_max=True,
)


def measure_formset(data=None, *, rows: list[dict] | None = None):
    return PlannedMeasureFormSet(
        data,
        rows=rows,
        prefix=MEASURES_PREFIX,
        error_messages={
            "missing_management_form": _(
                "The planned measures could not be read. Fill them in again."
            ),
            "too_many_forms": _("Plan at most %(num)d measures here."),
        },
    )


def case_typed_data(post) -> dict:
    """What the person typed into the new-case form, to keep through a new
    login: a bounded copy of known fields only (it is kept in the session of
    someone who is logged out)."""
    typed = {
        name: post.getlist(name)[:50] if name in _LISTS else post.get(name, "")
        for name in TYPED_FIELDS
        if name in post
    }
    typed = {
        name: value[:_MAX_TYPED] if isinstance(value, str) else value
        for name, value in typed.items()
    }
    for row in range(MEASURE_ROWS):
        for name in _MEASURE_FIELDS:
            key = f"{MEASURES_PREFIX}-{row}-{name}"
            if key in post:
                typed[key] = post.get(key, "")[:_MAX_TYPED]
    return typed


def split_typed(typed: dict) -> tuple[dict, list[dict]]:
    """Kept text as the form's initial values and the measure rows'."""
    form = {name: value for name, value in typed.items() if name in TYPED_FIELDS}
    rows = [
        {
            name: typed.get(f"{MEASURES_PREFIX}-{row}-{name}", "")
            for name in _MEASURE_FIELDS
        }
        for row in range(MEASURE_ROWS)
    ]
    return form, [row for row in rows if any(row.values())]
