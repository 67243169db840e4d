from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from django.core import checks

        from search import signal_handlers
        from search.searchable import check_searchable_models

        signal_handlers.connect()
        checks.register(check_searchable_models)
