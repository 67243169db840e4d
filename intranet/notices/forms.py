from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from intranet.notices.models import FEEDBACK_MAX_LENGTH


class FeedbackForm(forms.Form):
    """What is wrong or missing on a page. No ``maxlength`` in the page: a
    browser would cut a pasted text short without a word; the message here
    says how long it was and keeps all of it in the form."""

    text = forms.CharField(
        label=_("What is wrong or missing?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("At most 2,000 characters."),
        error_messages={"required": _("Write what is wrong or missing.")},
        strip=True,
    )
    contact_ok = forms.BooleanField(
        label=_("You may contact me by e-mail about this"),
        required=False,
        help_text=_(
            "Without the tick, those who receive the feedback do not see who you are."
        ),
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].replace("\r\n", "\n")
        if len(text) > FEEDBACK_MAX_LENGTH:
            raise forms.ValidationError(
                _(
                    "The text is too long: write at most %(max)s characters "
                    "(you wrote %(length)s). Nothing you wrote is lost."
                ),
                code="max_length",
                params={
                    "max": number_format(FEEDBACK_MAX_LENGTH, force_grouping=True),
                    "length": number_format(len(text), force_grouping=True),
                },
            )
        return text
