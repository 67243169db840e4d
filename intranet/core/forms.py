from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class LoginForm(AuthenticationForm):
    """The login form, with one message that never says which part was wrong."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Wrong username or password. Try again, or contact IT support."
        ),
        "inactive": _("Wrong username or password. Try again, or contact IT support."),
    }


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
        for name, field in self.fields.items():
            widget = field.widget
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
    """The admin form of every page type of ours."""
