from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "intranet.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        from intranet.insights import signal_handlers

        signal_handlers.connect()
