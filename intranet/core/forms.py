import re

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import BadRequest
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.widgets.chooser import BaseChooser

from intranet.core.numbers import database_id


class LoginForm(AuthenticationForm):
    """The login form, with one message that never says which part was wrong."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Wrong username or password. Try again, or contact IT support."
        ),
        "inactive": _("Wrong username or password. Try again, or contact IT support."),
    }


def _is_id(value) -> bool:
    return database_id(str(value)) is not None


def _refuse_unreadable_ids(data, prefixes: list[str]) -> None:
    """The ids of inline rows (owners, measures) and of chosen objects are never
    typed by a person: one that is not an id means a crafted request (400)."""
    for prefix in prefixes:
        row_id = re.compile(rf"^{re.escape(prefix)}-\d+-id$")
        for key in data:
            value = data.get(key) if row_id.match(key) else None
            if value not in (None, "") and not _is_id(value):
                raise BadRequest(f"Not an id in {key}")


class ReadableInputMixin:
    """A POST whose hidden editor fields cannot be read gives a form error.

    The StreamField and rich text editors post their content as hidden fields a
    browser fills in (``body-count``, Draftail's JSON). A crafted or truncated
    request without them made the widgets raise; such a field now keeps the
    value it had and the form says it could not be read, so nothing is saved.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unreadable_fields: list[str] = []
        if not self.is_bound:
            return
        _refuse_unreadable_ids(
            self.data,
            [formset.prefix for formset in getattr(self, "formsets", {}).values()],
        )
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, BaseChooser):
                chosen = widget.value_from_datadict(
                    self.data, self.files, self.add_prefix(name)
                )
                if chosen not in (None, "") and not _is_id(chosen):
                    raise BadRequest(f"Not an id in {name}")
                continue
            try:
                widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            except (KeyError, ValueError, TypeError, AttributeError, IndexError):
                self.unreadable_fields.append(name)
                kept = self.get_initial_for_field(field, name)
                widget.value_from_datadict = lambda data, files, prefix, kept=kept: kept

    def clean(self):
        cleaned_data = super().clean()
        for name in self.unreadable_fields:
            self.add_error(
                name,
                _("This field could not be read. Reload the page and try again."),
            )
        return cleaned_data


class ReadablePageForm(ReadableInputMixin, WagtailAdminPageForm):
    """The admin form of every page type of ours.

    The address may be left empty by those who see it (the communication
    team): the page then gets one from its title, in ASCII, as it does for
    everyone who does not see the field.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        cleaned_data = super().clean()
        # Django hands the chosen values of many-to-many fields to the page only
        # after its own validation; the page's clean() (a must-read audience)
        # needs them now. ParentalManyToManyFields hold them in memory only.
        for field in self.instance._meta.many_to_many:
            if isinstance(field, ParentalManyToManyField) and field.name in (
                cleaned_data or {}
            ):
                field.save_form_data(self.instance, cleaned_data[field.name])
        return cleaned_data


class ReadableModelForm(ReadableInputMixin, WagtailAdminModelForm):
    """The admin form of our snippets that have no form of their own."""
