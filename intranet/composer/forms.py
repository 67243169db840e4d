"""The composer's form: a story in one screen, for a phone.

It holds what a case owner needs and nothing of the CMS: title, ingress, text,
one picture with its alt text, topics, the "show, don't tell" question and a
publication date. The rules are the page's own (`Story.clean`), said at the
field in plain Norwegian before anything is saved.
"""

from __future__ import annotations

import datetime
import uuid

from django import forms
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from intranet.composer import selectors
from intranet.core.filters import SectorThenUnits, units_in_sector_order
from intranet.core.images import CheckedImageField, image_permission_policy
from intranet.core.models import PositioningTheme, Topic, Unit
from intranet.core.text import single_line

#: How far back a story may be dated (older news is not news).
MAX_DAYS_BACK = 365
#: A little slack for a phone whose clock runs ahead.
FUTURE_SLACK = datetime.timedelta(minutes=10)
#: The composer's text, generous for a long update, bounded for the server.
MAX_TEXT_LENGTH = 20_000

YES, NO = "yes", "no"

#: Fields whose typed text is kept when a session runs out mid-sentence.
TYPED_FIELDS = (
    "title",
    "intro",
    "text",
    "picture_alt",
    "topics",
    "target_units",
    "shows_example",
    "positioning_themes",
    "nomination_text",
    "publication_date",
    "base_revision",
    "important_until",
)
_LISTS = ("topics", "target_units", "positioning_themes")


class _NativeDateInput(forms.DateTimeInput):
    """A browser date or date-and-time picker. What cannot stand in its `value`
    (a date typed in words where the picker is missing) is not echoed back,
    which would be invalid HTML; the field's message says what to write."""

    def __init__(self, input_type: str, format: str) -> None:
        super().__init__(attrs={"type": input_type}, format=format)

    def format_value(self, value):
        if isinstance(value, str):
            try:
                datetime.datetime.strptime(value, self.format)
            except ValueError:
                return None
            return value
        return super().format_value(value)


class PictureChoiceField(forms.ModelChoiceField):
    """A recent picture, shown as a thumbnail with its title."""

    widget = forms.RadioSelect

    def label_from_instance(self, obj) -> str:
        return obj.title


class UnitsField(forms.ModelMultipleChoiceField):
    """Sectors and units as checkboxes, each sector with its units under it."""

    iterator = SectorThenUnits

    def __init__(self, **kwargs) -> None:
        super().__init__(
            queryset=units_in_sector_order(Unit.objects.all()),
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )


class StoryForm(forms.Form):
    """What every story the composer writes has (news and case updates)."""

    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        error_messages={"required": _("Write a title.")},
    )
    intro = forms.CharField(
        label=_("Introduction"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences shown in lists and search results."),
        error_messages={"required": _("Write an introduction of a sentence or two.")},
    )
    text = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "A blank line starts a new paragraph. **bold**, *italic*, "
            "- bullet list, 1. numbered list, ## subheading, "
            "[link text](https://address)."
        ),
    )
    picture = CheckedImageField(
        label=_("Picture"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text=_("Take a photo or choose one from your phone or computer."),
    )
    picture_choice = PictureChoiceField(
        label=_("Or choose a recent picture"),
        queryset=get_image_model().objects.none(),
        required=False,
        empty_label=_("No picture"),
    )
    picture_alt = forms.CharField(
        label=_("Describe the picture"),
        max_length=250,
        required=False,
        help_text=_(
            "For colleagues who cannot see it, e.g. “Two nurses test the new "
            "digital supervision on a tablet.”"
        ),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_units = UnitsField(
        label=_("Especially for"),
        required=False,
        help_text=_(
            "Choose sectors or units if this is especially for them: they see it "
            "first on the front page. Everyone else can still read it."
        ),
    )
    shows_example = forms.ChoiceField(
        label=_("Does this show innovation or competence?"),
        choices=[(NO, _("No")), (YES, _("Yes"))],
        initial=NO,
        required=False,
        widget=forms.RadioSelect,
    )
    positioning_themes = forms.MultipleChoiceField(
        label=_("What does it show?"),
        choices=PositioningTheme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    nomination_text = forms.CharField(
        label=_("Why, in one sentence"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "The communication team reads this when choosing examples for the "
            "website, press and social media."
        ),
    )
    publication_date = forms.DateTimeField(
        label=_("Publication date"),
        widget=_NativeDateInput("datetime-local", "%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        error_messages={
            "required": _("Choose a publication date."),
            "invalid": _("Write the date as dd.mm.yyyy and the time as hh:mm."),
        },
    )
    # The revision the person started from, to refuse a stale edit.
    base_revision = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # One token per opened form, so a double-click publishes once.
    submission = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, user, text_editable: bool = True, **kwargs) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("publication_date", timezone.localtime())
        kwargs["initial"].setdefault("submission", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.user = user
        current = self.initial.get("picture_choice")
        self.fields["picture_choice"].queryset = selectors.pictures_to_choose(
            user=user, current=current
        )
        if not image_permission_policy().user_has_permission(user, "add"):
            del self.fields["picture"]
        if not text_editable:
            # The body holds more than the composer can show (see
            # `intranet.core.markup`); it is kept as it is.
            del self.fields["text"]

    @property
    def picture_choices(self) -> list:
        """(radio widget, image or None) pairs, for thumbnails next to the radios."""
        images = {str(image.pk): image for image in self.recent_pictures}
        return [
            (radio, images.get(str(radio.data["value"])))
            for radio in self["picture_choice"]
        ]

    @cached_property
    def recent_pictures(self) -> list:
        return list(self.fields["picture_choice"].queryset)

    def extra_page_fields(self) -> dict:
        """Fields of the story's own kind, beyond what every story has."""
        return {}

    def clean_title(self) -> str:
        title = single_line(self.cleaned_data["title"]).strip()
        if not title:
            raise forms.ValidationError(_("Write a title."))
        return title

    def clean_intro(self) -> str:
        intro = self.cleaned_data["intro"].strip()
        if not intro:
            raise forms.ValidationError(
                _("Write an introduction of a sentence or two.")
            )
        return intro

    def clean_publication_date(self) -> datetime.datetime:
        value = self.cleaned_data["publication_date"]
        now = timezone.now()
        if value > now + FUTURE_SLACK:
            raise forms.ValidationError(
                _(
                    "The publication date cannot be in the future. Save as a draft "
                    "and publish it when the time comes."
                )
            )
        if value < now - datetime.timedelta(days=MAX_DAYS_BACK):
            raise forms.ValidationError(
                _("The publication date cannot be more than a year back.")
            )
        return value

    def clean(self) -> dict:
        data = super().clean()
        has_picture = bool(data.get("picture") or data.get("picture_choice"))
        if has_picture and not (data.get("picture_alt") or "").strip():
            self.add_error(
                "picture_alt",
                _(
                    "Describe the picture in a few words for colleagues who cannot "
                    "see it."
                ),
            )
        if data.get("shows_example") == YES:
            if not data.get("positioning_themes"):
                self.add_error(
                    "positioning_themes",
                    _("Choose innovation, competence or both."),
                )
            if not (data.get("nomination_text") or "").strip():
                self.add_error(
                    "nomination_text",
                    _("Say in a sentence why this shows the chosen theme."),
                )
        else:
            data["positioning_themes"] = []
            data["nomination_text"] = ""
        return data


#: How long a news item may stay pinned as important.
MAX_PIN_DAYS = 60


class NewsForm(StoryForm):
    """A news item: a story, and "Viktig" pinned to the front page until a day."""

    important_until = forms.DateField(
        label=_("Important: pin to the front page until"),
        required=False,
        widget=_NativeDateInput("date", "%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        help_text=_("Leave empty for an ordinary news item."),
        error_messages={"invalid": _("Write the date as dd.mm.yyyy.")},
    )

    def clean_important_until(self) -> datetime.date | None:
        value = self.cleaned_data.get("important_until")
        if value is None:
            return None
        today = timezone.localdate()
        if value < today:
            raise forms.ValidationError(
                _("Choose today or a later day, or leave it empty.")
            )
        if value > today + datetime.timedelta(days=MAX_PIN_DAYS):
            raise forms.ValidationError(
                _("A news item can be pinned for at most %(days)s days.")
                % {"days": MAX_PIN_DAYS}
            )
        return value

    def extra_page_fields(self) -> dict:
        until = self.cleaned_data.get("important_until")
        return {"important": until is not None, "important_until": until}


def typed_data(post) -> dict:
    """What the person typed into a composer form, to keep through a new login.

    A bounded copy of known fields only: it is kept in the session of someone
    who is logged out.
    """
    return {
        name: post.getlist(name)[:50]
        if name in _LISTS
        else post.get(name, "")[:MAX_TEXT_LENGTH]
        for name in TYPED_FIELDS
        if name in post
    }
