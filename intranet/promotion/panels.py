from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from intranet.promotion.plain_language import external_advice


class StoryPanel(Panel):
    """The internal story, its "why" and the status history, read only."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Internal story and status"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "promotion/admin/story_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            promotion = self.instance
            if promotion.pk:
                context["promotion"] = promotion
                context["story"] = promotion.page.specific
                context["events"] = promotion.events.select_related("user")[:20]
            return context


class PlainLanguagePanel(Panel):
    """Plain-language advice on the external version, beside its fields: for
    the version as saved, or as just sent when the form comes back with an
    error. Advice only; it takes no part in saving."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Plain language"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "promotion/admin/plain_language_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            sent = getattr(self.form, "cleaned_data", None) or {}
            promotion = self.instance
            context["advice"] = external_advice(
                self.request,
                title=sent.get("external_title", promotion.external_title),
                lead=sent.get("external_lead", promotion.external_lead),
                body_html=sent.get("external_body", promotion.external_body),
            )
            return context
