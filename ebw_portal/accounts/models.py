from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    """A gemeente: it owns plans and its users can see only its own work."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    cbs_code = models.CharField(
        _("CBS-code"),
        max_length=6,
        unique=True,
        help_text=_("De gemeentecode van het CBS, bijvoorbeeld GM0503."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    EDITOR = "redacteur", _("redacteur")
    READER = "lezer", _("lezer")
    ESS = "ess", _("ESS-medewerker")


class User(AbstractUser):
    """A portal user: a municipal redacteur or lezer, or an ESS staff member."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    role = models.CharField(_("rol"), max_length=12, choices=Role.choices, default=Role.READER)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            # Municipal roles need a municipality; ESS staff belong to none.
            models.CheckConstraint(
                condition=(
                    Q(role="ess", municipality__isnull=True)
                    | Q(role__in=["redacteur", "lezer"], municipality__isnull=False)
                    | Q(is_superuser=True)
                ),
                name="user_role_matches_municipality",
            ),
            # Municipal users never reach the admin, whatever a form or import says.
            models.CheckConstraint(
                condition=Q(is_staff=False) | Q(role="ess") | Q(is_superuser=True),
                name="only_ess_staff_reach_the_admin",
            ),
        ]

    @property
    def is_editor(self) -> bool:
        return self.role == Role.EDITOR and self.municipality_id is not None

    @property
    def is_ess(self) -> bool:
        return self.role == Role.ESS or self.is_superuser

    def __str__(self):
        full = self.get_full_name()
        return full or self.username
