from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from intranet.core.forms import ReadableInputMixin
from intranet.promotion.models import ALLOWED_TRANSITIONS, Promotion, PromotionStatus


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
