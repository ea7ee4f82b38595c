"""Factories (factory-boy) for the rows that many tests build: municipalities and their
users, the catalogue, evaluations, checklists, plans and what hangs on a plan.

Every field a test does not name gets a plain default, and a unique one where the model
asks for it (slugs, names, CBS codes), so a test names only what it is about:

    editor = UserFactory(username="alice-delft", municipality=delft)
    effect = PlannedEvaluationFactory(plan=delft_plan, kind="effectevaluatie")

Many-to-many links are given as lists (`types=[parenting]`, `sources=[report]`) and added
after the row is made. Defaults stay close to the model's own: a planned evaluation has
no respondents, agreements or budget unless a test gives them, so the readiness checks
see exactly what the test made.
"""

import datetime

import factory
from factory.django import DjangoModelFactory, Password

from checklists.models import (
    Checklist,
    ChecklistItem,
    ChecklistKind,
    ChecklistSection,
    PlanOfApproach,
    Stakeholder,
    SubGoal,
)
from checklists.models.evaluation_plan import EvaluationMoment, Indicator, PlannedEvaluation
from checklists.models.review import PlanReview, ReviewerRole
from ebw_portal.accounts.models import Municipality, Role, User
from evaluations.models import Access, Design, Evaluation, Kind, Status, Verdict
from interventions.models import (
    EffectiveElement,
    Intervention,
    InterventionType,
    LessonLearned,
    Source,
)
from tests.conftest import PASSWORD


def _add_related(field):
    """A post-generation hook that adds `extracted` to the many-to-many `field`."""

    def add(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, field).add(*extracted)

    add.__name__ = field
    return factory.PostGeneration(add)


class ModelFactory(DjangoModelFactory):
    class Meta:
        abstract = True
        # The many-to-many hooks write their own rows; no second save of the object.
        skip_postgeneration_save = True


# Municipalities and users


class MunicipalityFactory(ModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    cbs_code = factory.Sequence(lambda n: f"GM8{n % 1000:03d}")


class UserFactory(ModelFactory):
    """A redacteur of a new municipality unless told otherwise; `role="lezer"` for a
    reader, `ess=True` for an ESS staff member (no municipality). The username's first
    part is the first name ("alice-delft" is Alice); the password is PASSWORD."""

    class Meta:
        model = User
        django_get_or_create = ("username",)

    class Params:
        ess = factory.Trait(role=Role.ESS, municipality=None)

    username = factory.Sequence(lambda n: f"gebruiker{n}-test")
    first_name = factory.LazyAttribute(lambda user: user.username.split("-")[0].title())
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.EDITOR
    password = Password(PASSWORD)


# The catalogue


class SourceFactory(ModelFactory):
    class Meta:
        model = Source

    citation = factory.Sequence(lambda n: f"Testbron {n} (2024). Een rapport.")
    title = factory.Sequence(lambda n: f"Een rapport {n}")
    publisher = "Testbureau"
    year = 2024


class InterventionTypeFactory(ModelFactory):
    class Meta:
        model = InterventionType

    slug = factory.Sequence(lambda n: f"type-{n}")
    name = factory.Sequence(lambda n: f"Interventietype {n}")
    short_description = "Korte omschrijving."
    description = "Omschrijving van het type."

    sources = _add_related("sources")


class InterventionFactory(ModelFactory):
    class Meta:
        model = Intervention

    slug = factory.Sequence(lambda n: f"interventie-{n}")
    name = factory.Sequence(lambda n: f"Interventie {n}")
    intervention_type = factory.SubFactory(InterventionTypeFactory)
    summary = "Samenvatting."
    description = "Omschrijving van de interventie."
    target_group = "ouders"
    prevention_level = "risicogroepen"

    sources = _add_related("sources")


class EffectiveElementFactory(ModelFactory):
    class Meta:
        model = EffectiveElement

    slug = factory.Sequence(lambda n: f"element-{n}")
    title = factory.Sequence(lambda n: f"Werkzaam element {n}")
    summary = "Samenvatting."
    explanation = "Toelichting."
    aspect = "werving"

    types = _add_related("types")
    interventions = _add_related("interventions")
    sources = _add_related("sources")


class LessonLearnedFactory(ModelFactory):
    class Meta:
        model = LessonLearned

    slug = factory.Sequence(lambda n: f"les-{n}")
    title = factory.Sequence(lambda n: f"Geleerde les {n}")
    summary = "Samenvatting."
    explanation = "Toelichting."
    theme = "voorbereiding"

    types = _add_related("types")
    sources = _add_related("sources")


# Evaluations (the evidence of the catalogue)


class EvaluationFactory(ModelFactory):
    """A published, public process evaluation with a qualitative design."""

    class Meta:
        model = Evaluation

    slug = factory.Sequence(lambda n: f"evaluatie-{n}")
    title = factory.Sequence(lambda n: f"Evaluatie nummer {n}")
    year = 2020
    evaluator = "Onderzoeksbureau Voorbeeld"
    kind = Kind.PROCESS
    design = Design.QUALITATIVE
    verdict = Verdict.NOT_ESTABLISHED
    access = Access.PUBLIC
    status = Status.PUBLISHED
    findings = "Ouders zeggen dat de gesprekken met hun kinderen beter gaan."
    source_url = "https://www.example.org/evaluatie"

    types = _add_related("types")
    effective_elements = _add_related("effective_elements")
    lessons = _add_related("lessons")
    interventions = _add_related("interventions")
    municipalities = _add_related("municipalities")


# Checklists


class ChecklistFactory(ModelFactory):
    class Meta:
        model = Checklist

    slug = factory.Sequence(lambda n: f"checklist-{n}")
    title = factory.Sequence(lambda n: f"Checklist {n}")
    kind = ChecklistKind.PLAN_OF_APPROACH


class ChecklistSectionFactory(ModelFactory):
    class Meta:
        model = ChecklistSection

    checklist = factory.SubFactory(ChecklistFactory)
    slug = factory.Sequence(lambda n: f"onderdeel-{n}")
    title = factory.Sequence(lambda n: f"Onderdeel {n}")


class ChecklistItemFactory(ModelFactory):
    class Meta:
        model = ChecklistItem

    section = factory.SubFactory(ChecklistSectionFactory)
    slug = factory.Sequence(lambda n: f"vraag-{n}")
    question = factory.Sequence(lambda n: f"Vraag {n}?")


# Plans and what hangs on them


class PlanOfApproachFactory(ModelFactory):
    """A concept plan made by a redacteur of its municipality (`created_by`, also the
    last to change it). Made directly, not through the wizard's services, so it has no
    history line; `created_by=None` with a `municipality` for a plan without a maker."""

    class Meta:
        model = PlanOfApproach

    created_by = factory.SubFactory(UserFactory)
    updated_by = factory.SelfAttribute("created_by")
    municipality = factory.Maybe(
        "created_by",
        yes_declaration=factory.SelfAttribute("created_by.municipality"),
        no_declaration=factory.SubFactory(MunicipalityFactory),
    )
    checklist = factory.SubFactory(ChecklistFactory)
    title = factory.Sequence(lambda n: f"Plan van aanpak {n}")
    intervention_type = factory.SubFactory(InterventionTypeFactory)


class SubGoalFactory(ModelFactory):
    class Meta:
        model = SubGoal

    plan = factory.SubFactory(PlanOfApproachFactory)
    description = factory.Sequence(lambda n: f"Subdoel {n}")


class StakeholderFactory(ModelFactory):
    class Meta:
        model = Stakeholder

    plan = factory.SubFactory(PlanOfApproachFactory)
    name = factory.Sequence(lambda n: f"Partner {n}")


class PlannedEvaluationFactory(ModelFactory):
    """A planned evaluation with nothing filled in beyond its kind, as the overview's
    'add' button makes it; name the fields a test is about."""

    class Meta:
        model = PlannedEvaluation

    plan = factory.SubFactory(PlanOfApproachFactory)
    kind = "procesevaluatie"


class IndicatorFactory(ModelFactory):
    class Meta:
        model = Indicator

    evaluation = factory.SubFactory(PlannedEvaluationFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")


class EvaluationMomentFactory(ModelFactory):
    class Meta:
        model = EvaluationMoment

    evaluation = factory.SubFactory(PlannedEvaluationFactory)
    label = factory.Sequence(lambda n: f"Meetmoment {n}")
    date = datetime.date(2027, 6, 1)


class PlanReviewFactory(ModelFactory):
    """An invitation to review a plan: a colleague of the plan's municipality, invited as
    an outsider by the plan's maker."""

    class Meta:
        model = PlanReview

    plan = factory.SubFactory(PlanOfApproachFactory)
    reviewer = factory.SubFactory(
        UserFactory, municipality=factory.SelfAttribute("..plan.municipality")
    )
    reviewer_role = ReviewerRole.OUTSIDER
    invited_by = factory.SelfAttribute("plan.created_by")


def grow_evaluation_plan(plan, n):
    """`n` planned evaluations (of the three kinds), each with n * 3 sub-goals that it
    measures and as many moments: a plan to prove a page's queries do not grow."""
    for kind in ("planevaluatie", "procesevaluatie", "effectevaluatie")[:n]:
        evaluation = PlannedEvaluationFactory(plan=plan, kind=kind)
        for i in range(n * 3):
            goal = SubGoalFactory(plan=plan, description=f"Subdoel {kind} {i}")
            IndicatorFactory(evaluation=evaluation, sub_goal=goal, name=f"Indicator {i}")
            EvaluationMomentFactory(
                evaluation=evaluation, label=f"Moment {i}", date=datetime.date(2027, 1, 1 + i)
            )
