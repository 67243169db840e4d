from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "intranet.dialogue"
    label = "dialogue"
    verbose_name = _("Comments and reactions")
