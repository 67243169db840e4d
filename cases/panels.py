"""Admin panels for case pages."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import InlinePanel

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
