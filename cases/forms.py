"""Admin forms for case pages and the case list's filter form.

This module is imported by `cases.models` (for `base_form_class`), so it must not
import the models at module level.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cases.communication import NOT_PUBLISHABLE_MESSAGE, assessment_problems
from intranet.core.forms import ReadablePageForm
from intranet.core.roles import COMMUNICATION, group_names
from intranet.core.vocabulary import CommunicationNeed

OWNERS_FORMSET = "case_owners"


class PersonChoiceField(forms.ModelChoiceField):
    """Lists people by name and unit rather than by username."""

    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name() or obj.get_username()
        profile = getattr(obj, "profile", None)
        unit = getattr(profile, "unit", None)
        return f"{name} ({unit})" if unit else name


class CaseOwnerForm(WagtailAdminModelForm):
    """One row of the owners inline: a person chosen by name."""

    user = PersonChoiceField(queryset=None, label=_("Person"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .select_related("profile__unit")
            .order_by("first_name", "last_name", "username")
        )


class CasePageForm(ReadablePageForm):
    """Checks owners always, and the communication assessment when publishing.

    Wagtail defers required fields when a draft is saved
    (`is_deferred_validation`); publishing or submitting for moderation does not.
    That is where "an assessment before the case is published" is enforced.
    """

    def __init__(self, data=None, files=None, *args, **kwargs):
        instance = kwargs.get("instance")
        for_user = kwargs.get("for_user")
        if data is None and instance is not None and instance.pk is None and for_user:
            # Whoever creates a case is its first owner.
            owner_model = instance._meta.get_field(OWNERS_FORMSET).related_model
            setattr(instance, OWNERS_FORMSET, [owner_model(user=for_user)])
        super().__init__(data, files, *args, **kwargs)
        need = self.fields.get("communication_need")
        if need is not None:
            need.choices = [("", _("Not assessed yet")), *CommunicationNeed.choices]

    def clean(self):
        cleaned_data = super().clean()
        self._clean_owners()
        if not self.is_deferred_validation:
            problems = assessment_problems(
                need=cleaned_data.get("communication_need") or "",
                audiences=cleaned_data.get("communication_audiences") or [],
                channels=cleaned_data.get("communication_channels") or [],
                key_messages=cleaned_data.get("communication_key_messages") or "",
            )
            if problems:
                for field, message in problems.items():
                    if field in self.fields:
                        self.add_error(field, message)
                self.add_error(None, NOT_PUBLISHABLE_MESSAGE)
        return cleaned_data

    def owner_users(self) -> list:
        """The people listed as owners in the submitted form (not removed)."""
        formset = self.formsets.get(OWNERS_FORMSET)
        if formset is None:
            return []
        formset.is_valid()  # cleans the rows; the result is cached
        users = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data.get("user"):
                continue
            users.append(data["user"])
        return users

    def _clean_owners(self) -> None:
        if OWNERS_FORMSET not in self.formsets:
            return
        users = self.owner_users()
        if not users:
            self.add_error(
                None,
                _(
                    "A case must have at least one owner. The last owner cannot be "
                    "removed; add another owner first."
                ),
            )
            return
        if len({user.pk for user in users}) != len(users):
            self.add_error(None, _("The same person is listed as owner twice."))
        user = self.for_user
        if (
            self.instance.pk is None
            and user is not None
            and user.pk not in {owner.pk for owner in users}
            and self.parent_page is not None
            and not _may_change_all_cases(user, self.parent_page)
        ):
            self.add_error(
                None,
                _(
                    "You become the first owner of a case you create. Keep yourself "
                    "among the owners; you can add colleagues as co-owners."
                ),
            )


def _may_change_all_cases(user, case_index) -> bool:
    """True for people who may edit every case under the index anyway."""
    if user.is_superuser:
        return True
    return "change" in case_index.permissions_for_user(user).permissions


#: The fields that make a story "Må leses" (see `Story`).
MUST_READ_FIELDS = ("must_read_until", "must_read_everyone", "must_read_units")


def may_set_must_read(user) -> bool:
    """Only the communication team (and superusers) make a case update must-read."""
    return bool(
        user is not None
        and user.is_active
        and (user.is_superuser or COMMUNICATION in group_names(user))
    )


class CaseUpdatePageForm(ReadablePageForm):
    """Starts a new update with the case's unit and topics filled in.

    The must-read fields are the communication team's: for anyone else they
    are left out of the form, so the panel is hidden and a posted value is
    ignored (the update keeps what the team set).
    """

    def __init__(self, data=None, files=None, *args, **kwargs):
        super().__init__(data, files, *args, **kwargs)
        if not may_set_must_read(self.for_user):
            for name in MUST_READ_FIELDS:
                self.fields.pop(name, None)
        case = getattr(self.parent_page, "specific", None)
        if (
            data is None
            and self.instance.pk is None
            and case is not None
            and hasattr(case, "summary")
        ):
            if case.unit_id and not self.initial.get("unit"):
                self.initial["unit"] = case.unit_id
            if not self.initial.get("topics"):
                self.initial["topics"] = [topic.pk for topic in case.topics.all()]
