from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachConfig(AppConfig):
    name = "intranet.reach"
    label = "reach"
    verbose_name = _("Must-read and acknowledgement")

    def ready(self) -> None:
        from intranet.reach import signal_handlers

        signal_handlers.connect()
