from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "intranet.planning"
    label = "planning"
    verbose_name = _("Annual communication plan")

    def ready(self) -> None:
        from intranet.planning import lookups, permissions, signal_handlers

        lookups.register()
        permissions.register()
        signal_handlers.connect()
