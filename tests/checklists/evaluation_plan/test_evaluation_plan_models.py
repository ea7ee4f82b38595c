"""The evaluation plan's models and services: the toolkit's default evaluator, one
evaluation per kind, indicators tied to the plan's own sub-goals, the checklists and
the indicator library as shipped data."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from checklists.evaluation_plan import services
from checklists.evaluation_plan.copying import copy_evaluation_plan
from checklists.models import Checklist, ChecklistItem, PlanChange
from checklists.models.evaluation_plan import (
    EvaluationMoment,
    Indicator,
    IndicatorSuggestion,
    PlannedEvaluation,
)
from checklists.wizard.progress import load_progress
from checklists.wizard.steps import wizard_steps
from interventions.models import InterventionType


def test_an_effect_evaluation_defaults_to_an_external_researcher(delft_plan):
    evaluation = PlannedEvaluation.objects.create(plan=delft_plan, kind="effectevaluatie")
    assert evaluation.performed_by == "extern"
    assert evaluation.get_performed_by_display() == "een externe onderzoeker"


def test_plan_and_process_evaluations_default_to_the_municipality(delft_plan):
    for kind in ("planevaluatie", "procesevaluatie"):
        evaluation = PlannedEvaluation.objects.create(plan=delft_plan, kind=kind)
        assert evaluation.performed_by == "gemeente"


def test_a_chosen_evaluator_is_kept(delft_plan):
    evaluation = PlannedEvaluation.objects.create(
        plan=delft_plan, kind="effectevaluatie", performed_by="uitvoerder"
    )
    evaluation.refresh_from_db()
    assert evaluation.performed_by == "uitvoerder"


def test_adding_an_effect_evaluation_through_the_service_picks_the_external_researcher(
    delft_plan, alice
):
    evaluation = services.add_evaluation(delft_plan, alice, "effectevaluatie")
    assert evaluation.performed_by == "extern"
    change = PlanChange.objects.get(plan=delft_plan, action="evaluation.added")
    assert change.data == {"kind": "effectevaluatie"}
    assert change.description == "Effectevaluatie toegevoegd aan het evaluatieplan"


def test_a_plan_has_each_kind_of_evaluation_at_most_once(delft_plan, alice):
    services.add_evaluation(delft_plan, alice, "procesevaluatie")
    with pytest.raises(ValidationError, match="staat al in het evaluatieplan"):
        services.add_evaluation(delft_plan, alice, "procesevaluatie")


def test_an_unknown_kind_is_refused(delft_plan, alice):
    with pytest.raises(ValidationError):
        services.add_evaluation(delft_plan, alice, "plan_van_aanpak")


def test_a_lezer_and_another_municipality_cannot_add_evaluations(delft_plan, dirk, bob):
    for user in (dirk, bob):
        with pytest.raises(PermissionDenied):
            services.add_evaluation(delft_plan, user, "procesevaluatie")


def test_an_indicator_cannot_measure_a_sub_goal_of_another_plan(delft_plan, utrecht_plan):
    evaluation = PlannedEvaluation.objects.create(plan=delft_plan, kind="effectevaluatie")
    foreign_goal = utrecht_plan.sub_goals.create(description="Utrechts subdoel")
    indicator = Indicator(evaluation=evaluation, sub_goal=foreign_goal, name="Opkomst")
    with pytest.raises(ValidationError) as exc:
        indicator.full_clean()
    assert "sub_goal" in exc.value.message_dict


def test_copying_the_evaluation_plan_keeps_indicators_linked_to_the_copied_sub_goals(
    delft_plan, utrecht_plan
):
    goal = delft_plan.sub_goals.create(description="30 ouders maken de reeks af")
    evaluation = PlannedEvaluation.objects.create(
        plan=delft_plan, kind="effectevaluatie", methods=["vragenlijst"], budget=12000
    )
    Indicator.objects.create(evaluation=evaluation, sub_goal=goal, name="Certificaten")
    EvaluationMoment.objects.create(evaluation=evaluation, label="Nulmeting", date="2027-01-04")
    item = ChecklistItem.objects.filter(section__checklist=delft_plan.checklist).first()
    evaluation.checklist_answers.create(item=item, value="ja")
    target_goal = utrecht_plan.sub_goals.create(description="30 ouders maken de reeks af")

    copy_evaluation_plan(delft_plan, utrecht_plan, {goal.pk: target_goal.pk})

    copy = utrecht_plan.planned_evaluations.get()
    assert copy.methods == ["vragenlijst"]
    assert copy.budget == 12000
    assert copy.indicators.get().sub_goal == target_goal
    assert copy.moments.get().date == datetime.date(2027, 1, 4)
    assert copy.checklist_answers.get().value == "ja"


def test_a_suggestion_from_another_intervention_type_is_refused(delft_plan, alice):
    other = InterventionType.objects.create(
        slug="lotgenoten-test", name="Lotgenotencontact", short_description="", description=""
    )
    suggestion = IndicatorSuggestion.objects.create(
        slug="lotgenoten-opkomst", intervention_type=other, name="Opkomst"
    )
    evaluation = PlannedEvaluation.objects.create(plan=delft_plan, kind="effectevaluatie")
    with pytest.raises(ValidationError):
        services.adopt_suggestion(evaluation, alice, suggestion)


@pytest.fixture
def evaluation_checklists(checklist):
    call_command("loaddata", "fixtures/31_evaluation_checklists.json", verbosity=0)


def test_the_three_evaluation_checklists_ship_with_preconditions_steps_and_questions(
    evaluation_checklists,
):
    for kind in ("planevaluatie", "procesevaluatie", "effectevaluatie"):
        checklist = Checklist.objects.get(kind=kind)
        sections = list(checklist.sections.order_by("order"))
        assert [s.slug for s in sections] == ["randvoorwaarden", "stappenplan", "vragen"]
        for section in sections:
            assert section.items.filter(is_active=True).count() >= 4


def test_the_plan_evaluation_steps_follow_the_toolkit(evaluation_checklists):
    steps = Checklist.objects.get(slug="planevaluatie").sections.get(slug="stappenplan")
    questions = " ".join(steps.items.values_list("question", flat=True))
    assert "minstens twee personen" in questions
    assert "checklist plan van aanpak" in questions
    assert "belanghebbenden" in questions


def test_evaluation_checklists_do_not_become_steps_of_the_plan_wizard(
    evaluation_checklists, delft_plan
):
    from checklists.wizard.progress import sections_of

    sections = sections_of(delft_plan.checklist_id)
    steps = wizard_steps(delft_plan, sections, load_progress(delft_plan, sections))
    slugs = [step.slug for step in steps]
    assert "randvoorwaarden" not in slugs
    assert "stappenplan" not in slugs
    assert "evaluatie" in slugs


def test_the_wizard_evaluation_step_points_to_the_evaluation_plan_builder(checklist):
    intro = checklist.sections.get(slug="evaluatie").intro
    assert "Evaluatieplan" in intro
    assert "volgende versie" not in intro


def test_loading_the_evaluation_checklists_twice_changes_nothing(evaluation_checklists):
    before = Checklist.objects.count()
    call_command("loaddata", "fixtures/31_evaluation_checklists.json", verbosity=0)
    assert Checklist.objects.count() == before


def test_the_indicator_library_offers_suggestions_for_every_intervention_type(catalogue):
    call_command("loaddata", "fixtures/32_indicator_library.json", verbosity=0)
    call_command("loaddata", "fixtures/32_indicator_library.json", verbosity=0)
    for kind in InterventionType.objects.all():
        suggestions = IndicatorSuggestion.objects.filter(intervention_type=kind)
        assert suggestions.count() >= 3, kind
        assert all(s.instrument for s in suggestions)


def test_editing_the_evaluation_plan_marks_the_plan_as_edited_without_a_wizard_conflict(
    delft_plan, alice
):
    revision, updated_at = delft_plan.revision, delft_plan.updated_at
    services.add_evaluation(delft_plan, alice, "procesevaluatie")
    delft_plan.refresh_from_db()
    # The PDF cache and "Mijn plannen" see the change; an open wizard tab keeps its revision.
    assert delft_plan.updated_at > updated_at
    assert delft_plan.updated_by == alice
    assert delft_plan.revision == revision


def test_a_new_version_of_a_plan_keeps_its_evaluation_plan(delft_plan, alice):
    from checklists.wizard import services as plan_services
    from tests.checklists.conftest import fill_completely

    fill_completely(delft_plan, alice)
    goal = delft_plan.sub_goals.get()
    evaluation = services.add_evaluation(delft_plan, alice, "effectevaluatie")
    Indicator.objects.create(evaluation=evaluation, sub_goal=goal, name="Certificaten")
    delft_plan.refresh_from_db()
    plan_services.make_definitive(delft_plan, alice)

    new = plan_services.new_version_from_definitive(delft_plan, alice)

    copied = new.planned_evaluations.get()
    assert copied.performed_by == "extern"
    assert copied.indicators.get().sub_goal == new.sub_goals.get()
    # The definitief version keeps its own evaluation plan.
    assert evaluation.indicators.get().sub_goal == goal
