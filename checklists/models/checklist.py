"""The toolkit's checklists as data.

A Checklist (plan van aanpak, or one of the three evaluation checklists) has sections,
and sections have items (questions). ESS edits them in the admin; the wizard and the
PDF read them from the database, so a new question needs no code change.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
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
