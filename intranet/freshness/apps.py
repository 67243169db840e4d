from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FreshnessConfig(AppConfig):
    name = "intranet.freshness"
    label = "freshness"
    verbose_name = _("Content owners and freshness")
