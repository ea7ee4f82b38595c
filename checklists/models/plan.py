"""The plans of approach built with the toolkit's checklists.

A PlanOfApproach belongs to one municipality (tenancy). Its answers are stored per
checklist item, one row each, so every step and every autosave writes to the database.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from checklists import access
from checklists.models import text_limits
from checklists.models.checklist import Checklist, ChecklistItem, ChecklistKind, ChecklistSection


class PlanStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    DEFINITIVE = "definitief", _("definitief")


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Plans the user may read (checklists.access)."""
        return self.filter(access.readable_by(user))

    def editable_by(self, user):
        """Plans the user may change (checklists.access)."""
        return self.filter(access.editable_by(user))

    def of_municipality(self, municipality_id):
        return self.filter(municipality_id=municipality_id)

    def current(self):
        """Leaves out versions that a newer version replaced."""
        newer = PlanOfApproach.objects.filter(previous_version=models.OuterRef("pk"))
        return self.exclude(models.Exists(newer))


class PlanOfApproach(models.Model):
    municipality = models.ForeignKey(
        "accounts.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    checklist = models.ForeignKey(
        Checklist,
        verbose_name=_("checklist"),
        on_delete=models.PROTECT,
        related_name="plans",
        limit_choices_to={"kind": ChecklistKind.PLAN_OF_APPROACH},
    )
    title = models.CharField(_("titel"), max_length=200)
    intervention_type = models.ForeignKey(
        "interventions.InterventionType",
        verbose_name=_("interventietype"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    intervention = models.ForeignKey(
        "interventions.Intervention",
        verbose_name=_("interventie uit de catalogus"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plans",
    )
    start_date = models.DateField(_("startdatum"), null=True, blank=True)
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.CONCEPT
    )
    version = models.PositiveSmallIntegerField(_("versie"), default=1)
    previous_version = models.ForeignKey(
        "self",
        verbose_name=_("vorige versie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_versions",
    )
    is_archived = models.BooleanField(_("gearchiveerd"), default=False)
    shared_with_ess = models.BooleanField(_("gedeeld met ESS"), default=False)
    is_example_plan = models.BooleanField(
        _("voorbeeldplan"),
        default=False,
        help_text=_("Elke ingelogde gemeente kan een voorbeeldplan lezen en kopiëren."),
    )
    # Optimistic locking: every save raises it; a save that read an older value loses.
    revision = models.PositiveIntegerField(_("revisie"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemaakt door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("laatst gewijzigd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("laatst gewijzigd op"), auto_now=True)
    finalised_at = models.DateTimeField(_("definitief gemaakt op"), null=True, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("plan van aanpak")
        verbose_name_plural = _("plannen van aanpak")
        indexes = [
            models.Index(
                fields=["municipality"],
                condition=Q(is_example_plan=True),
                name="plan_example_idx",
            ),
            models.Index(
                fields=["municipality"],
                condition=Q(shared_with_ess=True),
                name="plan_shared_with_ess_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="plan_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(status="concept", finalised_at__isnull=True)
                | Q(status="definitief", finalised_at__isnull=False),
                name="plan_finalised_at_matches_status",
            ),
            # A definitief plan is continued in one newer version, never two (a double
            # click on 'Nieuwe versie' must not fork the plan).
            models.UniqueConstraint(fields=["previous_version"], name="plan_one_next_version"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("wizard:plan_detail", kwargs={"pk": self.pk})

    @property
    def is_definitive(self) -> bool:
        return self.status == PlanStatus.DEFINITIVE

    @property
    def accepts_changes(self) -> bool:
        """A definitief or archived plan is frozen; a new version is edited instead."""
        return self.status == PlanStatus.CONCEPT and not self.is_archived


class Answer(models.Model):
    """The answer to one checklist item in one plan, stored as text (dates as ISO)."""

    plan = models.ForeignKey(PlanOfApproach, on_delete=models.CASCADE, related_name="answers")
    # PROTECT: ESS switches a question off instead of deleting it, so no answer is lost.
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="answers")
    # The form of each answer kind has its own limit (checklists/wizard/answers.py); the
    # longest of them holds here.
    value = models.TextField(_("antwoord"), blank=True, max_length=text_limits.LONG_TEXT)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(fields=["plan", "item"], name="answer_one_per_item"),
            text_limits.at_most("value", text_limits.LONG_TEXT, "answer_value_length"),
        ]

    def __str__(self):
        return f"{self.item}: {self.value[:40]}"


class SubGoal(models.Model):
    """A measurable sub-goal; the evaluation plan links its indicators to it."""

    plan = models.ForeignKey(PlanOfApproach, on_delete=models.CASCADE, related_name="sub_goals")
    description = models.CharField(_("subdoel"), max_length=400)
    indicator = models.CharField(_("indicator"), max_length=300, blank=True)
    target_value = models.CharField(_("streefwaarde"), max_length=120, blank=True)
    deadline = models.DateField(_("uiterste datum"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("subdoel")
        verbose_name_plural = _("subdoelen")

    def __str__(self):
        return self.description


class StakeholderKind(models.TextChoices):
    ORGANISATION = "organisatie", _("organisatie")
    PERSON = "persoon", _("persoon")


class Stakeholder(models.Model):
    plan = models.ForeignKey(PlanOfApproach, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(
        _("persoon of organisatie"),
        max_length=12,
        choices=StakeholderKind.choices,
        default=StakeholderKind.ORGANISATION,
    )
    role = models.CharField(_("rol"), max_length=200, blank=True)
    responsibility = models.TextField(
        _("verantwoordelijkheid"), blank=True, max_length=text_limits.RESPONSIBILITY
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        constraints = [
            text_limits.at_most(
                "responsibility", text_limits.RESPONSIBILITY, "stakeholder_responsibility_length"
            )
        ]

    def __str__(self):
        return self.name


class AdoptedElement(models.Model):
    """An effective element the team takes into its plan, with how it will apply it."""

    plan = models.ForeignKey(
        PlanOfApproach, on_delete=models.CASCADE, related_name="adopted_elements"
    )
    element = models.ForeignKey(
        "interventions.EffectiveElement",
        verbose_name=_("werkzaam element"),
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    note = models.TextField(_("hoe wij dit toepassen"), blank=True, max_length=text_limits.NOTE)
    adopted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["element__order", "pk"]
        verbose_name = _("overgenomen werkzaam element")
        verbose_name_plural = _("overgenomen werkzame elementen")
        constraints = [
            models.UniqueConstraint(fields=["plan", "element"], name="adopted_element_once"),
            text_limits.at_most("note", text_limits.NOTE, "adopted_element_note_length"),
        ]

    def __str__(self):
        return str(self.element)


class PlanChange(models.Model):
    """One line of a plan's history: who changed what, when."""

    plan = models.ForeignKey(PlanOfApproach, on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    section = models.ForeignKey(
        ChecklistSection, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The section's title at the time, so history still reads well if ESS renames it.
    section_title = models.CharField(_("onderdeel"), max_length=200, blank=True)
    # What happened, as a code of checklists/history.py with the data its sentence needs;
    # the sentence is made when the line is shown, in the reader's language.
    action = models.CharField(_("actie"), max_length=60)
    data = models.JSONField(_("gegevens"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("wijziging")
        verbose_name_plural = _("wijzigingen")

    def __str__(self):
        return self.description

    @property
    def description(self) -> str:
        """The line as a sentence in the active language."""
        from checklists.history import describe  # history imports the models

        return describe(self)
