from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PromotionConfig(AppConfig):
    name = "intranet.promotion"
    label = "promotion"
    verbose_name = _("Promotion")

    def ready(self) -> None:
        from intranet.promotion import signal_handlers

        signal_handlers.connect()
