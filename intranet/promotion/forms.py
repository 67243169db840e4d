import datetime
import functools

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from intranet.core.forms import ReadableInputMixin
from intranet.promotion.models import (
    ALLOWED_TRANSITIONS,
    SHARE_RULES,
    Promotion,
    PromotionStatus,
    ShareChannel,
    validate_share_text,
)


class PromotionForm(ReadableInputMixin, WagtailAdminModelForm):
    """The external version. `loaded_version` is the version the editor loaded."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=True)

    class Meta:
        model = Promotion
        fields = [
            "assignee",
            "external_title",
            "external_lead",
            "external_body",
            "language",
            "image",
            "image_alt",
            "names_person",
            "rights_confirmed",
            "channels",
            "planned_date",
            "external_urls",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["loaded_version"] = self.instance.version

    def clean_loaded_version(self) -> int:
        version = self.cleaned_data["loaded_version"]
        if self.instance.pk:
            stored = (
                Promotion.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if stored != version:
                raise forms.ValidationError(
                    _(
                        "Someone else saved this promotion while you were editing. "
                        "Your changes were not saved; copy them, reload and try "
                        "again."
                    ),
                    code="stale",
                )
        return version

    def save(self, commit: bool = True):
        # Bump the version in the same UPDATE that checks it, so of two
        # simultaneous saves only one wins.
        instance = super().save(commit=False)
        if commit and instance.pk:
            from intranet.promotion.services import promotion_update

            model_fields = {field.name for field in Promotion._meta.concrete_fields}
            names = [
                name
                for name in self.changed_data
                if name in model_fields and name != "version"
            ]
            instance = promotion_update(
                promotion=instance,
                version=self.cleaned_data["loaded_version"],
                **{name: getattr(instance, name) for name in names},
            )
        elif commit:
            instance.save()
        return instance


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=())
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required when rejecting (the owner sees the reason) and when "
            "taking back a published promotion."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, promotion: Promotion, **kwargs):
        super().__init__(*args, **kwargs)
        self.promotion = promotion
        self.fields["to_status"].choices = [
            (status, PromotionStatus(status).label)
            for status in PromotionStatus.values
            if status in ALLOWED_TRANSITIONS[promotion.status]
        ]
        self.initial.setdefault("version", promotion.version)

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("version") != self.promotion.version:
            # A non-field error: the version input is hidden.
            raise forms.ValidationError(
                _(
                    "Someone else changed this promotion in the meantime. "
                    "Check its status and try again."
                ),
                code="stale",
            )
        return cleaned


class BulkRejectForm(forms.Form):
    comment = forms.CharField(
        label=_("Reason for rejection"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The owners of the stories see this reason."),
    )


class ShareTextField(forms.CharField):
    """A suggested text, its line breaks as the reader counts them (one
    character each; browsers send two)."""

    def to_python(self, value) -> str:
        return super().to_python(value).replace("\r\n", "\n")


class ShareTextsForm(forms.Form):
    """One suggested text per sharing channel, each within its limit. The
    limit is said beside the field; `static/js/share.js` counts as one types."""

    def __init__(self, *args, language: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        for channel in ShareChannel:
            rule = SHARE_RULES[channel]
            attrs = {
                "rows": 10 if rule.limit > 1000 else 5,
                "data-share-limit": rule.limit,
                "data-share-left": _("{count} characters left"),
                "data-share-over": _("{count} characters too many"),
            }
            if language:
                attrs["lang"] = language
            self.fields[channel.value] = ShareTextField(
                label=channel.label,
                required=False,
                widget=forms.Textarea(attrs=attrs),
                help_text=_("At most %(limit)s characters. %(guidance)s")
                % {"limit": rule.limit, "guidance": rule.guidance},
                validators=[functools.partial(validate_share_text, channel.value)],
            )


#: The longest period the figures read at once.
SHARE_PERIOD_DAYS = 5 * 366


class SharePeriodForm(forms.Form):
    """The period of the clicks on shared links in the figures, both days
    included: by default the last twelve months, this one with them."""

    fra = forms.DateField(
        label=_("From date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    til = forms.DateField(
        label=_("To date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    @staticmethod
    def default(today: datetime.date) -> tuple[datetime.date, datetime.date]:
        first = today.replace(day=1)
        year, month = divmod(first.year * 12 + first.month - 1 - 11, 12)
        return first.replace(year=year, month=month + 1), today

    def clean(self) -> dict:
        cleaned = super().clean()
        since, until = self.default(timezone.localdate())
        since = cleaned.get("fra") or since
        until = cleaned.get("til") or until
        if since > until:
            raise forms.ValidationError(
                _("The period starts after it ends."), code="order"
            )
        if until - since > datetime.timedelta(days=SHARE_PERIOD_DAYS):
            raise forms.ValidationError(
                _("Choose a period of at most five years."), code="long"
            )
        cleaned["fra"], cleaned["til"] = since, until
        return cleaned
