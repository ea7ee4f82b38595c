"""The toolkit's checklists as data, and the plans of approach built with them.

A Checklist (plan van aanpak, or one of the three evaluation checklists) has sections,
and sections have items (questions). ESS edits them in the admin; the wizard and the
PDF read them from the database, so a new question needs no code change.

A PlanOfApproach belongs to one municipality (tenancy). Its answers are stored per
checklist item, one row each, so every step and every autosave writes to the database.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from interventions.models import Theme


class ChecklistKind(models.TextChoices):
    PLAN_OF_APPROACH = "plan_van_aanpak", _("plan van aanpak")
    PLAN_EVALUATION = "planevaluatie", _("planevaluatie")
    PROCESS_EVALUATION = "procesevaluatie", _("procesevaluatie")
    EFFECT_EVALUATION = "effectevaluatie", _("effectevaluatie")


class ChecklistManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def plan_of_approach(self):
        """The checklist new plans follow: the active plan-van-aanpak checklist."""
        return (
            self.filter(kind=ChecklistKind.PLAN_OF_APPROACH, is_active=True).order_by("-pk").first()
        )


class Checklist(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=ChecklistKind.choices)
    intro = models.TextField(_("inleiding"), blank=True)
    is_active = models.BooleanField(
        _("in gebruik"),
        default=True,
        help_text=_("Nieuwe plannen gebruiken de actieve checklist van hun soort."),
    )

    objects = ChecklistManager()

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)


class ListKind(models.TextChoices):
    """A list a section shows besides its questions (rows the team adds and removes)."""

    NONE = "", _("geen")
    SUB_GOALS = "subdoelen", _("meetbare subdoelen")
    STAKEHOLDERS = "betrokkenen", _("betrokkenen en rollen")


class ChecklistSectionManager(models.Manager):
    def get_by_natural_key(self, slug, checklist_slug):
        return self.get(slug=slug, checklist__slug=checklist_slug)


class ChecklistSection(models.Model):
    checklist = models.ForeignKey(
        Checklist, verbose_name=_("checklist"), on_delete=models.CASCADE, related_name="sections"
    )
    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("Deel van het webadres van de stap.")
    )
    title = models.CharField(_("titel"), max_length=200)
    intro = models.TextField(_("inleiding"), blank=True)
    # A section may draw on more than one theme (stigmatisering en veiligheid).
    themes = ArrayField(
        models.CharField(max_length=20, choices=Theme.choices),
        verbose_name=_("thema's van de geleerde lessen"),
        default=list,
        blank=True,
        help_text=_("De stap toont de geleerde lessen van deze thema's."),
    )
    list_kind = models.CharField(
        _("lijst in deze stap"), max_length=20, choices=ListKind.choices, blank=True
    )
    list_min_rows = models.PositiveSmallIntegerField(
        _("minimaal aantal rijen in de lijst"),
        default=0,
        help_text=_("Nodig om de stap volledig te maken, bijvoorbeeld 1 meetbaar subdoel."),
    )
    offers_effective_elements = models.BooleanField(
        _("toont werkzame elementen"),
        default=False,
        help_text=_("De stap toont de werkzame elementen van het gekozen interventietype."),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = ChecklistSectionManager()

    class Meta:
        ordering = ["checklist", "order", "pk"]
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")
        constraints = [
            models.UniqueConstraint(
                fields=["checklist", "slug"], name="checklist_section_unique_slug"
            )
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug, *self.checklist.natural_key())

    natural_key.dependencies = ["checklists.checklist"]


class AnswerKind(models.TextChoices):
    SHORT_TEXT = "kort", _("korte tekst")
    LONG_TEXT = "lang", _("lange tekst")
    YES_NO_PARTLY = "janeedeels", _("ja / nee / deels")
    CHOICE = "keuze", _("keuze uit een lijst")
    DATE = "datum", _("datum")
    NUMBER = "getal", _("getal")


class ChecklistItemManager(models.Manager):
    def get_by_natural_key(self, slug, section_slug, checklist_slug):
        return self.get(
            slug=slug, section__slug=section_slug, section__checklist__slug=checklist_slug
        )


class ChecklistItem(models.Model):
    section = models.ForeignKey(
        ChecklistSection,
        verbose_name=_("onderdeel"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    slug = models.SlugField(_("slug"), max_length=80)
    question = models.CharField(_("vraag"), max_length=300)
    help_text = models.TextField(_("toelichting"), blank=True)
    answer_kind = models.CharField(
        _("soort antwoord"), max_length=12, choices=AnswerKind.choices, default=AnswerKind.LONG_TEXT
    )
    choices = models.TextField(
        _("keuzes"),
        blank=True,
        help_text=_("Alleen bij ‘keuze uit een lijst’: één keuze per regel."),
    )
    required = models.BooleanField(
        _("verplicht"), default=True, help_text=_("Nodig voordat een plan definitief kan worden.")
    )
    is_active = models.BooleanField(
        _("in gebruik"),
        default=True,
        help_text=_(
            "Zet een vraag uit in plaats van haar te verwijderen: "
            "bestaande antwoorden blijven zo bewaard."
        ),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = ChecklistItemManager()

    class Meta:
        ordering = ["section", "order", "pk"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        constraints = [
            models.UniqueConstraint(fields=["section", "slug"], name="checklist_item_unique_slug"),
            models.CheckConstraint(
                condition=~Q(answer_kind="keuze") | ~Q(choices=""),
                name="checklist_item_choice_needs_choices",
            ),
        ]

    def __str__(self):
        return self.question

    def natural_key(self):
        return (self.slug, *self.section.natural_key())

    natural_key.dependencies = ["checklists.checklistsection"]

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class PlanStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    DEFINITIVE = "definitief", _("definitief")


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Plans a user may read: the own municipality's, plans shared with ESS (for ESS
        staff) and voorbeeldplannen (for every logged-in user) while not archived: a
        municipality that archives a plan no longer offers it as an example."""
        if not user.is_authenticated:
            return self.none()
        visible = Q(is_example_plan=True, is_archived=False)
        if user.municipality_id:
            visible |= Q(municipality_id=user.municipality_id)
        if user.is_ess:
            visible |= Q(shared_with_ess=True)
        return self.filter(visible)

    def editable_by(self, user):
        """Plans a user may change: only a redacteur, only the own municipality's."""
        if not user.is_authenticated or not user.is_editor:
            return self.none()
        return self.filter(municipality_id=user.municipality_id)

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
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("checklists:plan_detail", kwargs={"pk": self.pk})

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
    value = models.TextField(_("antwoord"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [models.UniqueConstraint(fields=["plan", "item"], name="answer_one_per_item")]

    def __str__(self):
        return f"{self.item}: {self.value[:40]}"


class SubGoal(models.Model):
    """A measurable sub-goal; issue 5 links evaluation indicators to it."""

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
    responsibility = models.TextField(_("verantwoordelijkheid"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")

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
    note = models.TextField(_("hoe wij dit toepassen"), blank=True)
    adopted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["element__order", "pk"]
        verbose_name = _("overgenomen werkzaam element")
        verbose_name_plural = _("overgenomen werkzame elementen")
        constraints = [
            models.UniqueConstraint(fields=["plan", "element"], name="adopted_element_once")
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
    summary = models.CharField(_("wijziging"), max_length=300)
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("wijziging")
        verbose_name_plural = _("wijzigingen")

    def __str__(self):
        return self.summary


# The evaluation-plan builder's models (issue 5) live in their own modules.
from checklists.evaluation_models import (  # noqa: E402, F401
    EvaluationChecklistAnswer,
    EvaluationMoment,
    Indicator,
    IndicatorSuggestion,
    PlannedEvaluation,
)
from checklists.plan_review_models import (  # noqa: E402, F401
    PlanReview,
    PlanReviewOutcome,
    ReviewAnswer,
)
from checklists.programme_scan_models import (  # noqa: E402, F401
    ProgrammeScan,
    ScanAnswer,
    ScanQuestion,
)


class WorkspaceVersion(models.Model):
    """A number per municipality that goes up with every change in its workspace (its
    plans and users), and one shared number (scope 0) for what crosses municipalities.
    A logged-in user's copy of a page is kept under these numbers
    (`checklists.workspace_version`, `ebw_portal.page_cache.private_page_copy`)."""

    scope = models.BigIntegerField(_("gemeente (0: gedeeld)"), primary_key=True)
    number = models.PositiveBigIntegerField(_("versie"), default=0)

    class Meta:
        verbose_name = _("versie van een werkruimte")
        verbose_name_plural = _("versies van de werkruimtes")

    def __str__(self):
        return f"{self.scope}: {self.number}"
