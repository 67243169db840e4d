from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """The login form, with one message that never says which part was wrong."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Wrong username or password. Try again, or contact IT support."
        ),
        "inactive": _("Wrong username or password. Try again, or contact IT support."),
    }
