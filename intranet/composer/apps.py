from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComposerConfig(AppConfig):
    name = "intranet.composer"
    label = "composer"
    verbose_name = _("Composer")
