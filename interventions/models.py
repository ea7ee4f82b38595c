"""The wat-werkt catalogue: intervention types, interventions, effective elements,
lessons learned and the sources they rest on.

Each searchable model carries a generated `search_vector` column (Dutch text-search
configuration, weighted title > summary > body) with a GIN index. PostgreSQL keeps it
up to date itself, so no signal or trigger can be forgotten.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

SEARCH_CONFIG = "dutch"


def weighted_vector(a: str, b: str | None = None, c: str | None = None) -> SearchVector:
    vector = SearchVector(a, weight="A", config=SEARCH_CONFIG)
    if b:
        vector = vector + SearchVector(b, weight="B", config=SEARCH_CONFIG)
    if c:
        vector = vector + SearchVector(c, weight="C", config=SEARCH_CONFIG)
    return vector


class SlugManager(models.Manager):
    """Natural keys by slug, so fixtures and imports update instead of duplicating."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SourceManager(models.Manager):
    def get_by_natural_key(self, citation):
        return self.get(citation=citation)


class Source(models.Model):
    """A publication a claim in the catalogue rests on (report, evaluation, guideline)."""

    citation = models.CharField(
        _("bronvermelding"),
        max_length=400,
        unique=True,
        help_text=_("Auteur(s), jaar, titel en opdrachtgever, zoals in een literatuurlijst."),
    )
    title = models.CharField(
        _("titel"),
        max_length=300,
        blank=True,
        help_text=_(
            "De titel van het rapport, de pagina of het bericht, zoals de uitgever hem gaf."
        ),
    )
    publisher = models.CharField(
        _("uitgever"),
        max_length=200,
        blank=True,
        help_text=_("Wie het uitbracht: onderzoeksbureau, ministerie, organisatie."),
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("Jaar van verschijnen. Leeg laten als de bron het niet vermeldt."),
    )
    undated = models.BooleanField(
        _("zonder jaar (z.j.)"),
        default=False,
        help_text=_("Aanvinken als de bron zelf geen jaar vermeldt. Raad nooit een jaar."),
    )
    url = models.URLField(_("webadres"), max_length=400, blank=True)

    objects = SourceManager()

    class Meta:
        ordering = ["citation"]
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")

    def __str__(self):
        return self.citation

    def natural_key(self):
        return (self.citation,)

    @property
    def is_complete(self) -> bool:
        """Title, publisher and year (or the statement that the source gives none)."""
        return bool(self.title.strip() and self.publisher.strip() and (self.year or self.undated))

    def clean(self):
        if self.year and self.undated:
            raise ValidationError({"undated": _("Een bron met een jaar is niet ‘zonder jaar’.")})
        if not self.year and not self.undated:
            raise ValidationError(
                {
                    "year": _(
                        "Vul het jaar in, of vink ‘zonder jaar’ aan als de bron geen jaar vermeldt."
                    )
                }
            )


SOURCE_REQUIRED_MESSAGE = _(
    "Kies minstens één bron met titel, uitgever en jaar. Staat de bron er nog niet bij, "
    "voeg haar dan eerst toe onder Bronnen."
)


def has_complete_source(sources) -> bool:
    """True if at least one of `sources` names title, publisher and year."""
    return any(source.is_complete for source in sources)


class InterventionType(models.Model):
    """One of the six types of the report 'Wat werkt bij preventie van radicalisering?'."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("naam"), max_length=160)
    short_description = models.CharField(_("korte omschrijving"), max_length=300)
    description = models.TextField(_("omschrijving"))
    effectiveness = models.TextField(
        _("wat bekend is over de werkzaamheid"),
        blank=True,
        help_text=_("Een eerlijke samenvatting: wat weten we, en wat (nog) niet?"),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    sources = models.ManyToManyField(Source, verbose_name=_("bronnen"), blank=True)
    search_vector = models.GeneratedField(
        expression=weighted_vector("name", "short_description", "description"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = SlugManager()

    # Fixed URL segments under /wat-werkt/ that would hide a type with the same slug.
    RESERVED_SLUGS = frozenset({"interventies", "werkzame-elementen", "geleerde-lessen"})

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("interventietype")
        verbose_name_plural = _("interventietypen")
        indexes = [GinIndex(fields=["search_vector"], name="type_search_gin")]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("Deze slug is gereserveerd voor een andere pagina; kies een andere.")}
            )

    def get_absolute_url(self):
        return reverse("interventions:type_detail", kwargs={"slug": self.slug})


class PreventionLevel(models.TextChoices):
    BROAD = "breed", _("breed (algemene preventie)")
    AT_RISK = "risicogroepen", _("groepen met een verhoogd risico")
    INDIVIDUAL = "individueel", _("individuen")


class Intervention(models.Model):
    """A concrete approach a municipality can choose, e.g. Weerbaar Opvoeden."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    intervention_type = models.ForeignKey(
        InterventionType,
        verbose_name=_("interventietype"),
        on_delete=models.PROTECT,
        related_name="interventions",
    )
    summary = models.CharField(_("samenvatting"), max_length=300)
    description = models.TextField(_("omschrijving"))
    target_group = models.CharField(_("doelgroep"), max_length=300)
    prevention_level = models.CharField(
        _("preventieniveau"), max_length=20, choices=PreventionLevel.choices
    )
    setting = models.CharField(_("setting"), max_length=300, blank=True)
    provider = models.CharField(_("aanbieder"), max_length=200, blank=True)
    website = models.URLField(_("website"), max_length=400, blank=True)
    is_example = models.BooleanField(
        _("voorbeeld"),
        default=False,
        help_text=_("Een fictief voorbeeld, geen bestaande interventie."),
    )
    sources = models.ManyToManyField(Source, verbose_name=_("bronnen"), blank=True)
    search_vector = models.GeneratedField(
        expression=weighted_vector("name", "summary", "description"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = SlugManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("interventie")
        verbose_name_plural = _("interventies")
        indexes = [GinIndex(fields=["search_vector"], name="intervention_search_gin")]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("interventions:intervention_detail", kwargs={"slug": self.slug})


class Aspect(models.TextChoices):
    """What part of an intervention an effective element concerns."""

    RECRUITMENT = "werving", _("werving en bereik")
    CONTENT = "inhoud", _("inhoud")
    DELIVERY = "uitvoering", _("uitvoering")
    CONDITIONS = "randvoorwaarden", _("randvoorwaarden")


class EffectiveElement(models.Model):
    """A werkzaam element: something that, per the evaluations, makes an intervention work."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    summary = models.CharField(_("samenvatting"), max_length=300)
    explanation = models.TextField(_("toelichting"))
    aspect = models.CharField(_("aspect"), max_length=20, choices=Aspect.choices)
    types = models.ManyToManyField(
        InterventionType, verbose_name=_("interventietypen"), related_name="effective_elements"
    )
    interventions = models.ManyToManyField(
        Intervention,
        verbose_name=_("interventies"),
        related_name="effective_elements",
        blank=True,
    )
    sources = models.ManyToManyField(Source, verbose_name=_("bronnen"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    search_vector = models.GeneratedField(
        expression=weighted_vector("title", "summary", "explanation"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = SlugManager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("werkzaam element")
        verbose_name_plural = _("werkzame elementen")
        indexes = [GinIndex(fields=["search_vector"], name="element_search_gin")]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("interventions:element_detail", kwargs={"slug": self.slug})


class Theme(models.TextChoices):
    """The themes of the toolkit's geleerde lessen, in the toolkit's order."""

    PREPARATION = "voorbereiding", _("voorbereiding")
    SUPPORT = "draagvlak", _("draagvlak")
    COOPERATION = "samenwerking", _("samenwerking")
    STIGMA = "stigmatisering", _("stigmatisering")
    SAFETY = "veiligheid", _("veiligheid")
    EVALUATION = "evalueren", _("evalueren")
    CONTINUATION = "borging", _("doorontwikkeling en borging")


class LessonQuerySet(models.QuerySet):
    def applying_to_type(self, intervention_type_id):
        """Lessons linked to this type, plus those without any type (they apply to
        all). EXISTS rather than a join, so no lesson comes twice and no DISTINCT over
        long text columns is needed."""
        links = LessonLearned.types.through.objects.filter(lessonlearned=models.OuterRef("pk"))
        of_type = links.filter(interventiontype=intervention_type_id)
        return self.filter(models.Exists(of_type) | ~models.Exists(links))


class LessonLearned(models.Model):
    """A geleerde les. Without types it applies to every intervention type."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    summary = models.CharField(_("samenvatting"), max_length=300)
    explanation = models.TextField(_("toelichting"))
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices)
    types = models.ManyToManyField(
        InterventionType,
        verbose_name=_("interventietypen"),
        related_name="lessons",
        blank=True,
        help_text=_("Laat leeg als de les voor alle typen geldt."),
    )
    sources = models.ManyToManyField(Source, verbose_name=_("bronnen"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    search_vector = models.GeneratedField(
        expression=weighted_vector("title", "summary", "explanation"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = SlugManager.from_queryset(LessonQuerySet)()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("geleerde les")
        verbose_name_plural = _("geleerde lessen")
        indexes = [
            GinIndex(fields=["search_vector"], name="lesson_search_gin"),
            # A wizard step and the lesson overview pick lessons by theme; without it
            # PostgreSQL reads every lesson.
            models.Index(fields=["theme", "order", "title"], name="lesson_theme_idx"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    def get_absolute_url(self):
        return reverse("interventions:lesson_detail", kwargs={"slug": self.slug})
