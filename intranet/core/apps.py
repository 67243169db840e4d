from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "intranet.core"
    label = "core"
    verbose_name = _("Intranet core")

    def ready(self) -> None:
        from intranet.core import (
            admin_icons,
            admin_sidebar,
            document_access,
            signal_handlers,
        )

        admin_icons.install()
        admin_sidebar.install()
        document_access.register()
        signal_handlers.connect()
