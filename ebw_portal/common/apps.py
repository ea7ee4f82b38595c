from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "ebw_portal.common"
    label = "common"
    verbose_name = _("Gedeelde onderdelen")
