from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "intranet.notices"
    label = "notices"
    verbose_name = _("Alerts and page feedback")
