from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


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
