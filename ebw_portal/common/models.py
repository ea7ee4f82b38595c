from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicContentVersion(models.Model):
    """One counter that goes up whenever anything shown on the public pages changes.

    The shared copy of a public page (`ebw_portal.common.page_cache`) is kept under this
    number, so a change saved on one app server is visible on every server at the next
    request, whatever cache each server has. `ebw_portal.common.content_version` raises it.
    """

    number = models.PositiveBigIntegerField(_("versie"), default=0)

    class Meta:
        # The table was created by the catalogue app, before this layer existed.
        db_table = "interventions_publiccontentversion"
        verbose_name = _("versie van de openbare inhoud")
        verbose_name_plural = _("versies van de openbare inhoud")

    def __str__(self):
        return str(self.number)
