"""The toolkit's quick programmascan: control questions on a municipality's whole local
approach (vision, strategy, policy, interventions), filled in once a year.

The questions are data (ESS edits them in the admin, fixture 33). A scan belongs to one
municipality and one year; only that municipality sees it. Other municipalities see
nothing of it but an anonymous national average, and only when enough took part.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScanPart(models.TextChoices):
    VISION = "visie", _("visie")
    STRATEGY = "strategie", _("strategie")
    POLICY = "beleid", _("beleid")
    INTERVENTIONS = "interventies", _("interventies")


class ScanAnswerChoice(models.TextChoices):
    YES = "ja", _("ja")
    PARTLY = "deels", _("deels")
    NO = "nee", _("nee")


# Points per answer: a part's result is its points as a share of the maximum.
ANSWER_POINTS = {ScanAnswerChoice.YES: 2, ScanAnswerChoice.PARTLY: 1, ScanAnswerChoice.NO: 0}
MAX_POINTS = 2


class ScanQuestionManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class ScanQuestion(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    part = models.CharField(_("onderdeel"), max_length=16, choices=ScanPart.choices)
    question = models.CharField(_("vraag"), max_length=300)
    help_text = models.TextField(_("toelichting"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    objects = ScanQuestionManager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("vraag van de programmascan")
        verbose_name_plural = _("vragen van de programmascan")

    def __str__(self):
        return self.question

    def natural_key(self):
        return (self.slug,)


class ProgrammeScanQuerySet(models.QuerySet):
    def of_user(self, user):
        """Scans of the user's own municipality; none for users without one."""
        if not user.is_authenticated or not user.municipality_id:
            return self.none()
        return self.filter(municipality_id=user.municipality_id)


class ProgrammeScan(models.Model):
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="programme_scans",
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    objects = ProgrammeScanQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("programmascan")
        verbose_name_plural = _("programmascans")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year"], name="programme_scan_once_a_year"
            )
        ]

    def __str__(self):
        return f"{self.municipality} {self.year}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class ScanAnswer(models.Model):
    scan = models.ForeignKey(ProgrammeScan, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(ScanQuestion, on_delete=models.PROTECT, related_name="answers")
    answer = models.CharField(_("antwoord"), max_length=8, choices=ScanAnswerChoice.choices)

    class Meta:
        verbose_name = _("antwoord in de programmascan")
        verbose_name_plural = _("antwoorden in de programmascan")
        constraints = [
            models.UniqueConstraint(fields=["scan", "question"], name="scan_answer_once")
        ]

    def __str__(self):
        return f"{self.question}: {self.answer}"
