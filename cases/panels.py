"""Admin panels for case pages."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel, Panel

from cases.communication import AssessmentStatus
from cases.forms import CaseOwnerForm


class OwnersPanel(InlinePanel):
    """The owners of a case, chosen by name (and unit) rather than username."""

    def __init__(self, relation_name: str = "case_owners", **kwargs):
        kwargs.setdefault("label", _("Owner"))
        kwargs.setdefault("heading", _("Owners"))
        kwargs.setdefault("min_num", 1)
        super().__init__(relation_name, **kwargs)

    def get_form_options(self) -> dict:
        options = super().get_form_options()
        options["formsets"][self.relation_name]["form"] = CaseOwnerForm
        return options


class AssessmentWarningPanel(Panel):
    """Tells the editor what the communication assessment still lacks."""

    @property
    def clean_name(self) -> str:
        return super().clean_name or "assessment_warning"

    class BoundPanel(Panel.BoundPanel):
        template_name = "cases/admin/assessment_warning_panel.html"

        @cached_property
        def status(self):
            return self.instance.communication_assessment_status()

        def is_shown(self) -> bool:
            return super().is_shown() and self.status != AssessmentStatus.COMPLETE

        def get_context_data(self, parent_context=None) -> dict:
            context = super().get_context_data(parent_context)
            context["status"] = self.status
            context["no_measures"] = self.status == AssessmentStatus.NO_MEASURES
            return context
