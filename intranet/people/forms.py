"""The self-edit form of a profile and the directory's search form."""

from __future__ import annotations

import re

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from intranet.core.directory import NAME, PHONE, TITLE, UNIT
from intranet.core.filters import UnitFilterField
from intranet.core.images import CheckedImageField
from intranet.core.models import Competence, ProfileField, StaffProfile, Unit, Workday
from intranet.core.widgets import Select
from intranet.people.selectors import LETTERS, competences_in_use

#: At most this many "ask me about" subjects per person.
MAX_COMPETENCES = 15
COMPETENCE_MAX_LENGTH = Competence._meta.get_field("name").max_length

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ().-]{2,28}$",
    message=_(
        "Write the phone number with digits only, e.g. 63 80 12 34 or +47 912 34 567."
    ),
)

_SEPARATORS = re.compile(r"[,;\n]+")


def competence_names(text: str) -> list[str]:
    """The distinct subjects in a comma-separated text, in the order written."""
    names: dict[str, str] = {}
    for part in _SEPARATORS.split(text):
        name = " ".join(part.split())
        if name:
            names.setdefault(name.casefold(), name)
    return list(names.values())


class ProfileForm(forms.ModelForm):
    """What a person writes about themselves. Name, e-mail and unit are not here:
    they come from the user directory or the communication team."""

    phone = forms.CharField(
        label=_("Work phone"),
        max_length=30,
        required=False,
        validators=[phone_validator],
    )
    mobile = forms.CharField(
        label=_("Mobile"), max_length=30, required=False, validators=[phone_validator]
    )
    workdays = forms.MultipleChoiceField(
        label=_("Workdays"),
        choices=Workday.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    competence_text = forms.CharField(
        label=_("Ask me about"),
        required=False,
        max_length=1000,
        help_text=_(
            "Subjects colleagues may ask you about, separated by commas, e.g. "
            "“procurement, GDPR, Excel”. A new subject is added for everyone."
        ),
    )
    about = forms.CharField(
        label=_("About me"),
        required=False,
        max_length=StaffProfile.ABOUT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A few sentences: what you work on, what you like to help with."),
    )
    photo_upload = CheckedImageField(
        label=_("Photo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/*"}),
        help_text=_("A photo of you; without one, your initials are shown."),
    )
    # An upload accepted while another field needed fixing, kept for the next send.
    photo_kept = forms.ModelChoiceField(
        queryset=get_image_model().objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _("The photo you chose is gone; please choose it again.")
        },
    )
    photo_remove = forms.BooleanField(label=_("Remove the photo"), required=False)
    shown_fields = forms.MultipleChoiceField(
        label=_("Colleagues see"),
        choices=ProfileField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What you leave unticked is seen by you alone."),
    )

    class Meta:
        model = StaffProfile
        fields = ["job_title", "phone", "mobile", "office", "workdays", "languages"]
        labels = {
            "job_title": _("Job title"),
            "office": _("Office or location"),
            "languages": _("Languages"),
        }
        help_texts = {"languages": _("E.g. Norwegian, English, Polish.")}

    def __init__(self, *args, user, from_directory=frozenset(), **kwargs) -> None:
        profile = kwargs.get("instance")
        initial = kwargs.setdefault("initial", {})
        if profile is not None:
            initial.setdefault(
                "competence_text",
                ", ".join(competence.name for competence in profile.competences.all()),
            )
            initial.setdefault("about", profile.about)
            initial.setdefault(
                "shown_fields",
                [
                    name
                    for name in ProfileField.values
                    if profile.visible_to_others(name)
                ],
            )
        super().__init__(*args, **kwargs)
        self.fields["photo_kept"].queryset = get_image_model().objects.filter(
            uploaded_by_user=user
        )
        if profile is None or not profile.photo_id:
            del self.fields["photo_remove"]
        for name in from_directory & {TITLE, PHONE}:
            # Kept by the user directory: shown, never taken from the form.
            self.fields[name].disabled = True
            self.fields[name].help_text = _("from the municipality's user directory")

    def clean_workdays(self) -> list[str]:
        chosen = set(self.cleaned_data["workdays"])
        return [value for value in Workday.values if value in chosen]

    def clean_competence_text(self) -> list[str]:
        names = competence_names(self.cleaned_data["competence_text"])
        if len(names) > MAX_COMPETENCES:
            raise forms.ValidationError(
                _("Choose at most %(max)d subjects (you wrote %(count)d).")
                % {"max": MAX_COMPETENCES, "count": len(names)}
            )
        too_long = [name for name in names if len(name) > COMPETENCE_MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("A subject may be at most %(max)d characters: “%(name)s…”.")
                % {"max": COMPETENCE_MAX_LENGTH, "name": too_long[0][:40]}
            )
        if any(not any(char.isalnum() for char in name) for name in names):
            raise forms.ValidationError(
                _("Each subject needs at least one letter or digit.")
            )
        return names

    def clean_shown_fields(self) -> str:
        shown = set(self.cleaned_data["shown_fields"])
        return ",".join(name for name in ProfileField.values if name not in shown)


class DirectoryForm(forms.Form):
    """The directory's search and filters. Each value is checked alone, so an
    unknown one is named and the others still apply."""

    q = forms.CharField(
        label=_("Name, title or subject"), required=False, max_length=200
    )
    enhet = UnitFilterField()
    sektor = UnitFilterField(sectors_only=True)
    kompetanse = forms.ModelChoiceField(
        label=_("Ask about"),
        queryset=competences_in_use(),
        to_field_name="slug",
        required=False,
        empty_label=_("All subjects"),
        error_messages={"invalid_choice": _("There is no subject “%(value)s”.")},
        widget=Select,
    )
    bokstav = forms.CharField(label=_("Letter"), required=False, max_length=40)

    def clean_bokstav(self) -> str:
        letter = self.cleaned_data["bokstav"].strip().upper()
        if letter and letter not in LETTERS:
            raise forms.ValidationError(
                _("“%(value)s” is not a letter of the alphabet.")
                % {"value": letter[:10]}
            )
        return letter

    def filters(self) -> dict:
        """The search and filters that are valid, for the selector."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {
            "query": data.get("q", ""),
            "unit": data.get("enhet"),
            "sector": data.get("sektor"),
            "competence": data.get("kompetanse"),
            "letter": data.get("bokstav", ""),
        }


class CorrectionForm(forms.Form):
    """What the communication team and unit leaders may correct in someone
    else's profile. Fields the user directory keeps are shown, never taken."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        error_messages={"required": _("Write the first name.")},
    )
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    job_title = forms.CharField(
        label=_("Job title"),
        max_length=StaffProfile._meta.get_field("job_title").max_length,
        required=False,
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.select_related("parent").order_by("name"),
        required=False,
        empty_label=_("No unit"),
        error_messages={"invalid_choice": _("Choose a unit from the list.")},
    )

    #: The form's fields by the user directory's names for them.
    DIRECTORY_FIELDS = {
        NAME: ("first_name", "last_name"),
        TITLE: ("job_title",),
        UNIT: ("unit",),
    }

    def __init__(self, *args, from_directory=frozenset(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for directory_name, names in self.DIRECTORY_FIELDS.items():
            if directory_name in from_directory:
                for name in names:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _(
                        "from the municipality's user directory"
                    )

    def clean_first_name(self) -> str:
        name = " ".join(self.cleaned_data["first_name"].split())
        if not name:
            raise forms.ValidationError(_("Write the first name."))
        return name

    def clean_last_name(self) -> str:
        return " ".join(self.cleaned_data["last_name"].split())

    def clean_job_title(self) -> str:
        return " ".join(self.cleaned_data["job_title"].split())
