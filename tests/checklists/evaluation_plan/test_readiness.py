"""Readiness checks of the evaluation plan: each rule with a failing and a passing case,
the links between indicators and sub-goals, and the timeline."""

import datetime

import pytest

from checklists.evaluation_plan.readiness import (
    load_evaluation_plan,
    readiness_advice,
    readiness_warnings,
    timeline,
)
from checklists.models import ChecklistSection
from tests.factories import (
    EvaluationMomentFactory,
    IndicatorFactory,
    PlannedEvaluationFactory,
    grow_evaluation_plan,
)


def codes(plan):
    return [warning.code for warning in readiness_warnings(plan)]


def effect(plan, **fields):
    values = {
        "kind": "effectevaluatie",
        "baseline_from_start": True,
        "provider_agreement": True,
        "respondents": ["ouders", "trainers"],
    }
    values.update(fields)
    return PlannedEvaluationFactory(plan=plan, **values)


@pytest.fixture
def goal(delft_plan):
    return delft_plan.sub_goals.create(description="30 ouders maken de reeks af")


def test_a_plan_without_evaluations_is_told_to_plan_one(delft_plan):
    assert codes(delft_plan) == ["no_evaluations"]
    effect(delft_plan)
    assert "no_evaluations" not in codes(delft_plan)


def test_effect_evaluation_without_baseline_is_flagged_until_a_baseline_is_planned(delft_plan):
    evaluation = effect(delft_plan, baseline_from_start=False)
    assert "effect_without_baseline" in codes(delft_plan)
    evaluation.baseline_from_start = True
    evaluation.save()
    assert "effect_without_baseline" not in codes(delft_plan)


def test_process_evaluation_needs_no_baseline(delft_plan):
    PlannedEvaluationFactory(plan=delft_plan, kind="procesevaluatie")
    assert "effect_without_baseline" not in codes(delft_plan)


def test_effect_evaluation_without_indicators_is_flagged_until_one_is_added(delft_plan):
    evaluation = effect(delft_plan)
    assert "effect_without_indicators" in codes(delft_plan)
    IndicatorFactory(evaluation=evaluation, name="Aantal deelnemende ouders")
    assert "effect_without_indicators" not in codes(delft_plan)


def test_a_sub_goal_without_any_indicator_is_told_to_get_one_in_the_wizard(delft_plan, goal):
    evaluation = effect(delft_plan)
    IndicatorFactory(evaluation=evaluation, name="Los van de subdoelen")
    goal_warnings = [w for w in readiness_warnings(delft_plan) if w.evaluation_id is None]
    assert [w.code for w in goal_warnings] == ["sub_goal_without_indicator"]
    assert "‘30 ouders maken de reeks af’ is nog niet meetbaar: geef het een indicator" in (
        goal_warnings[0].message
    )
    # The link opens the wizard's list of sub-goals, where its indicator is written;
    # there is nothing to measure yet, so no one-click action.
    assert goal_warnings[0].url.endswith(f"/plannen/{delft_plan.pk}/stap/doelen/#lijst")
    assert goal_warnings[0].action_url == ""

    IndicatorFactory(evaluation=evaluation, sub_goal=goal, name="Ouders met certificaat")
    assert codes(delft_plan) == []


def test_without_a_sub_goal_list_in_the_wizard_the_link_goes_to_the_indicators(delft_plan, goal):
    ChecklistSection.objects.filter(list_kind="subdoelen").update(list_kind="")
    evaluation = effect(delft_plan)
    [warning] = [w for w in readiness_warnings(delft_plan) if w.evaluation_id is None]
    assert warning.url.endswith(f"/evaluatieplan/{evaluation.pk}/#indicatoren")


def test_a_sub_goal_whose_indicator_no_evaluation_measures_offers_a_one_click_fix(delft_plan, goal):
    goal.indicator = "Aantal ouders met certificaat"
    goal.save()
    process = PlannedEvaluationFactory(plan=delft_plan, kind="procesevaluatie")
    evaluation = effect(delft_plan)
    IndicatorFactory(evaluation=process, name="Opkomst per bijeenkomst")

    [warning] = [w for w in readiness_warnings(delft_plan) if w.evaluation_id is None]

    assert warning.code == "sub_goal_indicator_not_measured"
    assert warning.message == (
        "Het subdoel ‘30 ouders maken de reeks af’ heeft een indicator (‘Aantal ouders met "
        "certificaat’), maar nog geen geplande evaluatie meet haar."
    )
    assert "sub_goal_without_indicator" not in codes(delft_plan)
    # The effect evaluation measures it, not the process evaluation that comes first.
    assert warning.url.endswith(f"/evaluatieplan/{evaluation.pk}/#indicatoren")
    assert warning.action_label == "Meten in de effectevaluatie"
    assert warning.action_url.endswith(
        f"/plannen/{delft_plan.pk}/evaluatieplan/subdoelen/{goal.pk}/meten/"
    )


def test_without_an_effect_evaluation_the_first_planned_evaluation_measures(delft_plan, goal):
    goal.indicator = "Opkomst"
    goal.save()
    PlannedEvaluationFactory(plan=delft_plan, kind="procesevaluatie")
    [warning] = [w for w in readiness_warnings(delft_plan) if w.evaluation_id is None]
    assert warning.action_label == "Meten in de procesevaluatie"


def test_without_any_evaluation_the_sub_goal_asks_to_plan_one_first_and_offers_no_button(
    delft_plan, goal
):
    goal.indicator = "Aantal ouders met certificaat"
    goal.save()
    warnings = readiness_warnings(delft_plan)
    assert [w.code for w in warnings] == ["no_evaluations", "sub_goal_indicator_not_measured"]
    assert "Plan eerst een evaluatie" in warnings[1].message
    assert warnings[1].action_url == ""
    assert warnings[1].url == warnings[0].url  # the overview, where evaluations are added


def test_an_indicator_of_any_evaluation_makes_a_sub_goal_measurable(delft_plan, goal):
    process = PlannedEvaluationFactory(plan=delft_plan, kind="procesevaluatie")
    IndicatorFactory(evaluation=process, sub_goal=goal, name="Opkomst per bijeenkomst")
    assert "sub_goal_without_indicator" not in codes(delft_plan)


def test_removing_a_sub_goal_keeps_its_indicator_unlinked(delft_plan, goal):
    evaluation = effect(delft_plan)
    indicator = IndicatorFactory(evaluation=evaluation, sub_goal=goal, name="Opkomst")
    goal.delete()
    indicator.refresh_from_db()
    assert indicator.sub_goal is None


def test_asking_only_professionals_and_trainers_misses_the_target_group(delft_plan):
    evaluation = effect(delft_plan, respondents=["professionals", "trainers"])
    assert "no_target_group_respondents" in codes(delft_plan)
    evaluation.respondents = ["trainers", "sleutelfiguren"]
    evaluation.save()
    assert "no_target_group_respondents" not in codes(delft_plan)


def test_an_evaluation_without_any_respondents_misses_the_target_group(delft_plan):
    PlannedEvaluationFactory(plan=delft_plan, kind="procesevaluatie", provider_agreement=True)
    assert codes(delft_plan) == ["no_target_group_respondents"]


def test_a_plan_evaluation_reads_the_plan_and_asks_no_respondents(delft_plan):
    PlannedEvaluationFactory(plan=delft_plan, kind="planevaluatie")
    assert codes(delft_plan) == []


def test_missing_agreement_with_the_provider_is_flagged(delft_plan):
    evaluation = PlannedEvaluationFactory(
        plan=delft_plan, kind="procesevaluatie", respondents=["jongeren"]
    )
    warnings = readiness_warnings(delft_plan)
    assert [w.code for w in warnings] == ["no_provider_agreement"]
    assert "procesevaluatie" in warnings[0].message
    assert warnings[0].url.endswith("#veld-provider_agreement")
    evaluation.provider_agreement = True
    evaluation.save()
    assert codes(delft_plan) == []


def test_a_moment_after_the_plans_end_date_is_advice_not_a_gap(delft_plan):
    # The toolkit measures effects "na een bepaalde periode": a follow-up measurement
    # after the plan's end is recommended, so it never keeps the plan from being ready.
    delft_plan.start_date = datetime.date(2027, 1, 1)
    delft_plan.end_date = datetime.date(2027, 12, 31)
    delft_plan.save()
    evaluation = effect(delft_plan)
    IndicatorFactory(evaluation=evaluation, name="Opkomst")
    moment = EvaluationMomentFactory(
        evaluation=evaluation, label="Nameting na een half jaar", date=datetime.date(2028, 6, 1)
    )
    assert codes(delft_plan) == []
    [advice] = readiness_advice(delft_plan)
    assert advice.code == "moment_after_end"
    assert advice.evaluation_id == evaluation.pk
    assert "Nameting na een half jaar" in advice.message
    assert "31 december 2027" in advice.message
    assert "Dat kan goed zijn: de toolkit raadt aan effecten na een bepaalde periode te meten" in (
        advice.message
    )
    assert advice.url.endswith("#momenten")

    moment.date = datetime.date(2027, 12, 31)
    moment.save()
    assert readiness_advice(delft_plan) == []


def test_a_plan_without_end_date_has_no_moment_advice(delft_plan):
    evaluation = effect(delft_plan)
    IndicatorFactory(evaluation=evaluation, name="Opkomst")
    EvaluationMomentFactory(
        evaluation=evaluation, label="Eindrapport", date=datetime.date(2030, 1, 1)
    )
    assert codes(delft_plan) == []
    assert readiness_advice(delft_plan) == []


def test_a_complete_evaluation_plan_has_no_warnings(delft_plan, goal):
    evaluation = effect(delft_plan)
    IndicatorFactory(evaluation=evaluation, sub_goal=goal, name="Ouders met certificaat")
    PlannedEvaluationFactory(
        plan=delft_plan,
        kind="procesevaluatie",
        respondents=["ouders"],
        provider_agreement=True,
    )
    assert readiness_warnings(delft_plan) == []


def test_timeline_lists_moments_of_all_evaluations_by_date_from_the_start(delft_plan):
    delft_plan.start_date = datetime.date(2027, 1, 4)
    delft_plan.end_date = datetime.date(2027, 6, 30)
    delft_plan.save()
    process = PlannedEvaluationFactory(plan=delft_plan, kind="procesevaluatie")
    result = effect(delft_plan)
    EvaluationMomentFactory(evaluation=result, label="Nameting", date="2027-06-28")
    EvaluationMomentFactory(evaluation=process, label="Tussenrapport", date="2027-03-01")
    EvaluationMomentFactory(evaluation=result, label="Nulmeting", date="2027-01-04")
    EvaluationMomentFactory(evaluation=result, label="Voorgesprek", date="2026-12-28")
    EvaluationMomentFactory(evaluation=result, label="Eindrapport", date="2027-09-01")

    entries = timeline(load_evaluation_plan(delft_plan))

    assert [e.label for e in entries] == [
        "Voorgesprek",
        "Nulmeting",
        "Tussenrapport",
        "Nameting",
        "Eindrapport",
    ]
    assert [e.days_from_start for e in entries] == [-7, 0, 56, 175, 240]
    assert entries[0].relative_to_start == "7 dagen vóór de start"
    assert entries[1].relative_to_start == "week 1 na de start"
    assert entries[2].relative_to_start == "week 9 na de start"
    assert entries[2].evaluation == process
    assert [e.after_end for e in entries] == [False, False, False, False, True]


def test_timeline_without_start_date_still_orders_by_date(delft_plan):
    evaluation = effect(delft_plan)
    EvaluationMomentFactory(evaluation=evaluation, label="Later", date="2027-05-01")
    EvaluationMomentFactory(evaluation=evaluation, label="Eerder", date="2027-02-01")
    entries = timeline(load_evaluation_plan(delft_plan))
    assert [e.label for e in entries] == ["Eerder", "Later"]
    assert entries[0].relative_to_start == ""


@pytest.mark.parametrize("size", [1, 3])
def test_readiness_takes_a_fixed_number_of_queries(delft_plan, django_assert_max_num_queries, size):
    grow_evaluation_plan(delft_plan, size)
    with django_assert_max_num_queries(4):
        evaluation_plan = load_evaluation_plan(delft_plan)
        readiness_warnings(delft_plan, evaluation_plan)
        readiness_advice(delft_plan, evaluation_plan)
        timeline(evaluation_plan)


@pytest.mark.parametrize("size", [1, 3])
def test_readiness_of_unmeasured_sub_goals_takes_a_fixed_number_of_queries(
    delft_plan, django_assert_max_num_queries, size
):
    """Sub-goals with and without their own indicator, none measured: the wizard step's
    link is looked up once, not per sub-goal."""
    effect(delft_plan)
    for i in range(size * 4):
        delft_plan.sub_goals.create(
            description=f"Subdoel {i}", indicator=f"Indicator {i}" if i % 2 else ""
        )
    with django_assert_max_num_queries(5):
        warnings = readiness_warnings(delft_plan)
    assert len([w for w in warnings if w.code.startswith("sub_goal")]) == size * 4
