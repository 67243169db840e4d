"""The people picker as a form field: names typed in a text box.

Without JavaScript it is a plain text box, one name per line (or separated by
commas), resolved when the form is sent (`intranet.composer.people`); a name
that fits no one or several people gets a message at the field that offers the
people it may have meant, with their units. With JavaScript, a search box
under it suggests colleagues by name or unit from `composer:people_choose`
and adds the chosen one to the text box, which stays what is sent.
"""

from __future__ import annotations

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from intranet.composer.people import (
    MAX_NAMES,
    people_resolve,
    person_description,
    person_label,
    split_names,
)


class PeopleWidget(forms.Textarea):
    """A text box of names, with the search box the script shows."""

    template_name = "composer/widgets/people.html"

    def __init__(self, attrs=None) -> None:
        super().__init__(
            {"rows": 3, "autocomplete": "off", "spellcheck": "false", **(attrs or {})}
        )

    def get_context(self, name, value, attrs) -> dict:
        context = super().get_context(name, value, attrs)
        context["widget"]["suggest_url"] = reverse_lazy("composer:people_choose")
        return context


def _candidates(people: list) -> str:
    return "; ".join(person_description(person) for person in people)


class PeopleField(forms.CharField):
    """Names of active colleagues; cleans to the list of people, in order."""

    widget = PeopleWidget
    default_error_messages = {
        "required": _("Write the name of at least one person."),
        "too_many": _("Write at most %(max)d names."),
        "unknown": _("Found no one called “%(name)s”. Did you mean %(candidates)s?"),
        "unknown_alone": _(
            "Found no one called “%(name)s”. Check the spelling, or write the username."
        ),
        "ambiguous": _(
            "Several people are called “%(name)s”. Did you mean %(candidates)s? "
            "Write the one you mean as shown, with the username in brackets."
        ),
        "repeated": _("%(name)s is listed more than once."),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", 4000)
        kwargs.setdefault(
            "help_text",
            _(
                "One name per line, as “First name Last name”. If several have "
                "the same name, add the username in brackets."
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(
                item if isinstance(item, str) else person_label(item) for item in value
            )
        return value

    def to_python(self, value) -> list:
        text = super().to_python(value)
        super().run_validators(text)  # the text's length, before resolving
        names = split_names(text)
        if not names:
            return []
        if len(names) > MAX_NAMES:
            raise forms.ValidationError(
                self.error_messages["too_many"],
                code="too_many",
                params={"max": MAX_NAMES},
            )
        resolution = people_resolve(names)
        problems = [
            self._problem("unknown", name, candidates)
            if candidates
            else self._problem("unknown_alone", name)
            for name, candidates in resolution.unknown.items()
        ]
        problems += [
            self._problem("ambiguous", name, candidates)
            for name, candidates in resolution.ambiguous.items()
        ]
        problems += [
            self._problem("repeated", person_label(person))
            for person in resolution.repeated
        ]
        if problems:
            raise forms.ValidationError(problems)
        return resolution.people

    def validate(self, value) -> None:
        if self.required and not value:
            raise forms.ValidationError(
                self.error_messages["required"], code="required"
            )

    def run_validators(self, value) -> None:
        """Done on the text in `to_python`: the people are not text."""

    def _problem(self, code: str, name: str, candidates=()) -> forms.ValidationError:
        return forms.ValidationError(
            self.error_messages[code],
            code=code,
            params={"name": name, "candidates": _candidates(candidates)},
        )

    def has_changed(self, initial, data) -> bool:
        return self.prepare_value(initial or "") != (data or "")
