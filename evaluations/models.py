"""The evidence base: evaluation studies of interventions and what they support.

Visibility is a property of the data, not of the views: `Evaluation.objects.published()`
and `.public()` are the only ways a public page gets evaluations, so no view can forget
that drafts stay hidden and confidential studies show no details.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from evaluations.storage import report_storage
from interventions.models import SEARCH_CONFIG, weighted_vector
from interventions.search import build_tsquery

#: django-import-export checks "<app>.import_<model>" and "<app>.export_<model>".
IMPORT_EXPORT_PERMISSIONS = ("add", "change", "delete", "view", "import", "export")


MAX_REPORT_BYTES = 20 * 1024 * 1024


def validate_report_size(file):
    if file.size > MAX_REPORT_BYTES:
        raise ValidationError(_("Het rapport is groter dan 20 MB."), code="too_large")


class Kind(models.TextChoices):
    """The three evaluation moments of the toolkit's matrix."""

    PLAN = "plan", _("planevaluatie")
    PROCESS = "proces", _("procesevaluatie")
    EFFECT = "effect", _("effectevaluatie")


class Design(models.TextChoices):
    """Research designs, from weakest to strongest for claims about effects.

    The order of `DESIGN_STRENGTH` in evidence.py decides what 'strongest' means.
    """

    DESCRIPTIVE = "beschrijvend", _("beschrijvend")
    QUALITATIVE = "kwalitatief", _("kwalitatief")
    REALIST = "realist", _("realist evaluation")
    PRE_POST = "voor-nameting", _("voor- en nameting")
    QUASI_EXPERIMENTAL = "quasi-experimenteel", _("quasi-experimenteel")
    RCT = "rct", _("gerandomiseerd (RCT)")


class Verdict(models.TextChoices):
    PROVEN = "aangetoond", _("positieve effecten aangetoond")
    INDICATIONS = "aanwijzingen", _("aanwijzingen voor positieve effecten")
    NO_EFFECT = "geen-effect", _("geen effect gevonden")
    NOT_ESTABLISHED = "niet-vastgesteld", _("niet vastgesteld")


#: Verdicts about effects: only an effect evaluation can reach them.
EFFECT_VERDICTS = frozenset({Verdict.PROVEN, Verdict.NO_EFFECT})
EXAMPLE_PREFIX = "Voorbeeld:"
SOURCE_REQUIRED_MESSAGE = _(
    "Een evaluatie wordt pas gepubliceerd met een bron: vul het webadres van het rapport "
    "in of voeg het rapport als bestand toe."
)


class Access(models.TextChoices):
    PUBLIC = "openbaar", _("openbaar")
    CONFIDENTIAL = "vertrouwelijk", _("vertrouwelijk")


class Status(models.TextChoices):
    DRAFT = "concept", _("concept")
    REVIEW = "review", _("ter review")
    PUBLISHED = "gepubliceerd", _("gepubliceerd")
    WITHDRAWN = "ingetrokken", _("ingetrokken")


class EvaluationQuerySet(models.QuerySet):
    def published(self):
        """Everything that may count in public summaries, confidential studies included."""
        return self.filter(status=Status.PUBLISHED)

    def public(self):
        """What the public may see in detail: published and openbaar."""
        return self.published().filter(access=Access.PUBLIC)

    def search(self, text: str):
        """Dutch full-text search, ranked; the same word handling as the portal search.

        The expression matches the generated column, so the GIN index is used.
        """
        tsquery = build_tsquery(text)
        if not tsquery:
            return self.none()
        query = SearchQuery(tsquery, search_type="raw", config=SEARCH_CONFIG)
        return (
            self.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-year", "title")
        )


class EvaluationManager(models.Manager.from_queryset(EvaluationQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Evaluation(models.Model):
    """An evaluation study of one or more interventions (a plan, process or effect study)."""

    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    title = models.CharField(_("titel"), max_length=300)
    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    evaluator = models.CharField(
        _("uitvoerende organisatie"), max_length=200, help_text=_("Wie het onderzoek deed.")
    )
    authors = models.CharField(_("auteurs"), max_length=300, blank=True)
    commissioner = models.CharField(_("opdrachtgever"), max_length=200, blank=True)
    municipalities = models.ManyToManyField(
        "accounts.Municipality",
        verbose_name=_("betrokken gemeenten"),
        related_name="evaluations",
        blank=True,
    )
    interventions = models.ManyToManyField(
        "interventions.Intervention",
        verbose_name=_("geëvalueerde interventies"),
        related_name="evaluations",
        blank=True,
    )
    types = models.ManyToManyField(
        "interventions.InterventionType",
        verbose_name=_("interventietypen"),
        related_name="evaluations",
        help_text=_("De typen waartoe de geëvalueerde aanpak behoort."),
    )
    kind = models.CharField(_("soort evaluatie"), max_length=10, choices=Kind.choices)
    design = models.CharField(_("onderzoeksopzet"), max_length=24, choices=Design.choices)
    methods = models.CharField(
        _("methoden"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld interviews, vragenlijsten, observaties, dossieronderzoek."),
    )
    respondents = models.CharField(
        _("respondenten"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld ouders, jongeren, trainers, professionals, sleutelfiguren."),
    )
    participants = models.PositiveIntegerField(_("aantal deelnemers"), null=True, blank=True)
    findings = models.TextField(_("samenvatting van de bevindingen"))
    verdict = models.CharField(
        _("oordeel over de uitkomsten"),
        max_length=20,
        choices=Verdict.choices,
        default=Verdict.NOT_ESTABLISHED,
    )
    source_url = models.URLField(_("webadres van het rapport"), max_length=400, blank=True)
    report = models.FileField(
        _("rapport (bestand)"),
        upload_to="evaluaties/",
        storage=report_storage,
        blank=True,
        validators=[FileExtensionValidator(["pdf", "docx", "odt"]), validate_report_size],
        help_text=_("PDF, DOCX of ODT, hoogstens 20 MB."),
    )
    access = models.CharField(
        _("toegang"),
        max_length=14,
        choices=Access.choices,
        default=Access.PUBLIC,
        help_text=_(
            "Een vertrouwelijke evaluatie telt anoniem mee in de samenvattingen, "
            "maar haar gegevens verschijnen nooit buiten het beheer."
        ),
    )
    status = models.CharField(
        _("status"), max_length=14, choices=Status.choices, default=Status.DRAFT
    )
    is_example = models.BooleanField(
        _("voorbeeld"),
        default=False,
        help_text=_("Een fictief voorbeeld voor de demo, geen bestaand onderzoek."),
    )
    effective_elements = models.ManyToManyField(
        "interventions.EffectiveElement",
        verbose_name=_("ondersteunt werkzame elementen"),
        related_name="evaluations",
        blank=True,
    )
    lessons = models.ManyToManyField(
        "interventions.LessonLearned",
        verbose_name=_("ondersteunt geleerde lessen"),
        related_name="evaluations",
        blank=True,
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    search_vector = models.GeneratedField(
        expression=weighted_vector("title", "evaluator", "findings"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    history = HistoricalRecords(
        excluded_fields=["search_vector", "updated_at"],
        m2m_fields=[types, interventions, municipalities, effective_elements, lessons],
        user_model=settings.AUTH_USER_MODEL,
    )

    objects = EvaluationManager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        default_permissions = IMPORT_EXPORT_PERMISSIONS
        indexes = [
            GinIndex(fields=["search_vector"], name="evaluation_search_gin"),
            models.Index(fields=["status", "access"], name="evaluation_visibility_idx"),
            models.Index(fields=["status", "access", "year"], name="evaluation_public_year_idx"),
            # evidence_version(): max(updated_at) and count from this index alone.
            models.Index(fields=["updated_at"], name="evaluation_updated_idx"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("evaluations:evaluation_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        # Only an effect evaluation can show, or fail to show, an effect.
        if self.verdict in EFFECT_VERDICTS and self.kind != Kind.EFFECT:
            errors["verdict"] = _(
                "‘%(verdict)s’ kan alleen het oordeel van een effectevaluatie zijn."
            ) % {"verdict": self.get_verdict_display()}
        # A fictional example must never pass for a real study, also not in a list.
        if self.is_example and not self.title.startswith(EXAMPLE_PREFIX):
            errors["title"] = _("De titel van een voorbeeld begint met ‘Voorbeeld:’.")
        # Every published statement is sourced: a reader must be able to find the study.
        if self.status == Status.PUBLISHED and not self.has_source:
            errors["source_url"] = SOURCE_REQUIRED_MESSAGE
        if errors:
            raise ValidationError(errors)

    @property
    def has_source(self) -> bool:
        """Where a reader finds the study: its web address or an uploaded report. Title,
        evaluator (publisher) and year are required fields. A fictional example has no
        source and needs none: its title and findings say it is an example."""
        return self.is_example or bool(self.source_url or self.report)

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED and self.access == Access.PUBLIC
