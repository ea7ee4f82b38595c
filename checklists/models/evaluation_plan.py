"""The evaluation plan of a plan of approach.

The toolkit names three evaluation moments: planevaluatie (before the start: is the plan
sound?), procesevaluatie (during: is it carried out as intended?) and effectevaluatie
(after a period: what changed?). A plan holds at most one PlannedEvaluation per kind;
each has its indicators (linked to the plan's sub-goals), its moments on the timeline,
and the practical choices the toolkit asks about (methods, respondents, who evaluates,
baseline, agreements with the provider, budget, culture sensitivity).

These models live outside checklists/models.py so the wizard and the evaluation plan can
be worked on apart; checklists/models.py imports them so Django registers them.
"""

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from checklists.models import text_limits
from checklists.models.checklist import ChecklistKind

EVALUATION_KINDS = [
    (ChecklistKind.PLAN_EVALUATION.value, ChecklistKind.PLAN_EVALUATION.label),
    (ChecklistKind.PROCESS_EVALUATION.value, ChecklistKind.PROCESS_EVALUATION.label),
    (ChecklistKind.EFFECT_EVALUATION.value, ChecklistKind.EFFECT_EVALUATION.label),
]


class EvaluationMethod(models.TextChoices):
    INTERVIEWS = "interviews", _("interviews")
    QUESTIONNAIRE = "vragenlijst", _("vragenlijst")
    OBSERVATION = "observatie", _("observatie")
    REGISTRATION_DATA = "registratiedata", _("registratiedata")
    PRE_POST = "voor-nameting", _("voor- en nameting")
    FOCUS_GROUP = "focusgroep", _("focusgroep")
    DOCUMENT_ANALYSIS = "documentanalyse", _("documentanalyse")


class Respondent(models.TextChoices):
    PARENTS = "ouders", _("ouders of moeders")
    YOUTH = "jongeren", _("jongeren")
    PARTICIPANTS = "deelnemers", _("andere deelnemers")
    KEY_FIGURES = "sleutelfiguren", _("sleutelfiguren")
    TRAINERS = "trainers", _("trainers")
    PROFESSIONALS = "professionals", _("professionals")
    MUNICIPALITY = "gemeente", _("medewerkers van de gemeente")


# Who the intervention is for, or who stands close to them. Asking only trainers and
# professionals tells how they see it, not how the target group experienced it.
TARGET_GROUP_RESPONDENTS = frozenset(
    {Respondent.PARENTS, Respondent.YOUTH, Respondent.PARTICIPANTS, Respondent.KEY_FIGURES}
)


class Performer(models.TextChoices):
    MUNICIPALITY = "gemeente", _("de gemeente zelf")
    PROVIDER = "uitvoerder", _("de uitvoerder")
    EXTERNAL = "extern", _("een externe onderzoeker")


def default_performer(kind: str) -> str:
    """The toolkit: plan and process evaluations can be done in-house; an effect
    evaluation is best done by an external researcher, who is independent of the result."""
    if kind == ChecklistKind.EFFECT_EVALUATION:
        return Performer.EXTERNAL
    return Performer.MUNICIPALITY


class PlannedEvaluation(models.Model):
    plan = models.ForeignKey(
        "checklists.PlanOfApproach",
        verbose_name=_("plan van aanpak"),
        on_delete=models.CASCADE,
        related_name="planned_evaluations",
    )
    kind = models.CharField(_("soort evaluatie"), max_length=20, choices=EVALUATION_KINDS)
    questions = models.TextField(
        _("evaluatievragen"),
        blank=True,
        max_length=text_limits.LONG_TEXT,
        help_text=_("Wat wilt u met deze evaluatie te weten komen? Eén vraag per regel."),
    )
    methods = ArrayField(
        models.CharField(max_length=20, choices=EvaluationMethod.choices),
        verbose_name=_("methoden"),
        default=list,
        blank=True,
    )
    respondents = ArrayField(
        models.CharField(max_length=20, choices=Respondent.choices),
        verbose_name=_("respondenten"),
        default=list,
        blank=True,
    )
    performed_by = models.CharField(
        _("wie voert de evaluatie uit"),
        max_length=12,
        choices=Performer.choices,
        blank=True,
        help_text=_("Een effectevaluatie laat u bij voorkeur doen door een externe onderzoeker."),
    )
    baseline_from_start = models.BooleanField(
        _("gegevens verzamelen vanaf de start (nulmeting)"), default=False
    )
    provider_agreement = models.BooleanField(
        _("afspraken met de uitvoerder over dataverzameling"), default=False
    )
    provider_agreement_note = models.TextField(
        _("welke afspraken"),
        blank=True,
        max_length=text_limits.NOTE,
        help_text=_("Bijvoorbeeld: de uitvoerder houdt per bijeenkomst een presentielijst bij."),
    )
    budget = models.DecimalField(
        _("budget in euro"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    culture_sensitive = models.BooleanField(_("cultuursensitief evalueren"), default=False)
    culture_note = models.TextField(
        _("hoe"),
        blank=True,
        max_length=text_limits.NOTE,
        help_text=_(
            "Bijvoorbeeld: onderzoekers met een achtergrond en taal die aansluiten bij de "
            "doelgroep."
        ),
    )
    # Raised with every stored change of the evaluation, its rows or its checklist
    # answers, always under the row lock every such write takes first (see
    # checklists/evaluation_plan/services.py): a page loaded at the current revision has
    # seen everything that is stored.
    revision = models.PositiveIntegerField(_("revisie"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "kind"]
        verbose_name = _("geplande evaluatie")
        verbose_name_plural = _("geplande evaluaties")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind"], name="planned_evaluation_one_per_kind"
            ),
            text_limits.at_most(
                "questions", text_limits.LONG_TEXT, "planned_evaluation_questions_length"
            ),
            text_limits.at_most(
                "provider_agreement_note",
                text_limits.NOTE,
                "planned_evaluation_agreement_note_length",
            ),
            text_limits.at_most(
                "culture_note", text_limits.NOTE, "planned_evaluation_culture_note_length"
            ),
        ]

    def __str__(self):
        return str(self.get_kind_display())

    def save(self, *args, **kwargs):
        if not self.performed_by:
            self.performed_by = default_performer(self.kind)
        super().save(*args, **kwargs)

    @property
    def is_effect_evaluation(self) -> bool:
        return self.kind == ChecklistKind.EFFECT_EVALUATION

    @property
    def collects_data_from_people(self) -> bool:
        """Process and effect evaluations ask people; a plan evaluation reads the plan."""
        return self.kind != ChecklistKind.PLAN_EVALUATION

    @property
    def question_list(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]

    def get_methods_display(self) -> list[str]:
        labels = dict(EvaluationMethod.choices)
        return [str(labels.get(value, value)) for value in self.methods]

    def get_respondents_display(self) -> list[str]:
        labels = dict(Respondent.choices)
        return [str(labels.get(value, value)) for value in self.respondents]


class EvaluationMoment(models.Model):
    """A moment or deadline on the evaluation timeline (a measurement, a report)."""

    evaluation = models.ForeignKey(
        PlannedEvaluation,
        verbose_name=_("evaluatie"),
        on_delete=models.CASCADE,
        related_name="moments",
    )
    label = models.CharField(_("omschrijving"), max_length=200)
    date = models.DateField(_("datum"))

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("evaluatiemoment")
        verbose_name_plural = _("evaluatiemomenten")

    def __str__(self):
        return self.label


class Indicator(models.Model):
    evaluation = models.ForeignKey(
        PlannedEvaluation,
        verbose_name=_("evaluatie"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    # SET_NULL: removing a sub-goal in the wizard keeps the indicator, now unlinked.
    sub_goal = models.ForeignKey(
        "checklists.SubGoal",
        verbose_name=_("subdoel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluation_indicators",
    )
    name = models.CharField(_("indicator"), max_length=300)
    instrument = models.CharField(_("meetinstrument"), max_length=300, blank=True)
    target = models.CharField(_("streefwaarde"), max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")

    def __str__(self):
        return self.name

    def clean(self):
        if (
            self.sub_goal_id
            and self.evaluation_id
            and self.sub_goal.plan_id != self.evaluation.plan_id
        ):
            raise ValidationError(
                {"sub_goal": _("Kies een subdoel uit het plan van deze evaluatie.")}
            )


class IndicatorSuggestionManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class IndicatorSuggestion(models.Model):
    """An indicator with a measuring instrument that ESS suggests for an intervention
    type; the builder offers these when a team adds an indicator."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    intervention_type = models.ForeignKey(
        "interventions.InterventionType",
        verbose_name=_("interventietype"),
        on_delete=models.CASCADE,
        related_name="indicator_suggestions",
    )
    name = models.CharField(_("indicator"), max_length=300)
    instrument = models.CharField(_("meetinstrument"), max_length=300, blank=True)
    explanation = models.TextField(_("toelichting"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("in gebruik"), default=True)

    objects = IndicatorSuggestionManager()

    class Meta:
        ordering = ["intervention_type", "order", "pk"]
        verbose_name = _("voorgestelde indicator")
        verbose_name_plural = _("indicatorenbibliotheek")

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["interventions.interventiontype"]


class EvaluationChecklistAnswer(models.Model):
    """The team's answer to one item of the toolkit checklist of an evaluation's kind
    (preconditions met? steps taken?), stored as text like the plan's own answers."""

    evaluation = models.ForeignKey(
        PlannedEvaluation, on_delete=models.CASCADE, related_name="checklist_answers"
    )
    # PROTECT: ESS switches an item off instead of deleting it, so no answer is lost.
    item = models.ForeignKey(
        "checklists.ChecklistItem", on_delete=models.PROTECT, related_name="evaluation_answers"
    )
    value = models.TextField(_("antwoord"), blank=True, max_length=text_limits.LONG_TEXT)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("antwoord op de evaluatiechecklist")
        verbose_name_plural = _("antwoorden op de evaluatiechecklist")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "item"], name="evaluation_checklist_answer_once"
            ),
            text_limits.at_most(
                "value", text_limits.LONG_TEXT, "evaluation_checklist_answer_length"
            ),
        ]

    def __str__(self):
        return f"{self.item}: {self.value[:40]}"
