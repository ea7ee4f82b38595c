import io

from django.core.management import call_command

from checklists.models import PlanOfApproach
from ebw_portal.accounts import demo as accounts_demo
from ebw_portal.accounts.models import User


def test_demo_gives_each_municipality_a_finished_and_a_half_finished_plan(db):
    call_command(
        "loaddata", "fixtures/10_catalogue.json", "fixtures/30_checklists.json", verbosity=0
    )
    from checklists import demo

    logins = accounts_demo.create_demo()
    demo.create_demo()
    accounts_demo.create_demo()
    demo.create_demo()

    for name in ["Delft", "Utrecht"]:
        plans = PlanOfApproach.objects.filter(municipality__name=name)
        assert sorted(plans.values_list("status", flat=True)) == ["concept", "definitief"]
    assert len(logins) == 4
    assert all(len(password) >= 12 for _, password, _ in logins)
    assert not User.objects.filter(is_staff=True).exists()
    assert User.objects.get(username="delft-lezer").check_password("Delft-lezer-2026!")


def test_demo_answers_show_up_as_chosen_in_the_wizard_forms(db):
    """A choice answer must be stored as one of the field's choice values, or the wizard
    shows the question as unanswered although the overview shows an answer."""
    call_command(
        "loaddata", "fixtures/10_catalogue.json", "fixtures/30_checklists.json", verbosity=0
    )
    from checklists import demo
    from checklists.models import Answer, AnswerKind
    from checklists.wizard.answers import form_field_for

    accounts_demo.create_demo()
    demo.create_demo()

    choice_answers = Answer.objects.filter(
        item__answer_kind__in=[AnswerKind.YES_NO_PARTLY, AnswerKind.CHOICE]
    ).select_related("item")
    assert choice_answers.exists()
    for answer in choice_answers:
        field = form_field_for(answer.item)
        assert answer.value in dict(field.choices), (answer.item.slug, answer.value)


def _load_demo_twice():
    """`manage.py load_demo` as `make run` calls it (it loads the fixtures itself)."""
    for _ in range(2):
        call_command("load_demo", allow_without_debug=True, stdout=io.StringIO())


def test_finished_demo_plans_have_an_evaluation_plan_without_readiness_warnings(db):
    from checklists.evaluation_plan.readiness import readiness_warnings

    _load_demo_twice()

    finished = PlanOfApproach.objects.filter(status="definitief")
    assert finished.count() == 2
    for plan in finished:
        kinds = sorted(plan.planned_evaluations.values_list("kind", flat=True))
        assert kinds == ["effectevaluatie", "procesevaluatie"]
        assert readiness_warnings(plan) == [], plan.title
        # The effect evaluation measures what the wizard's sub-goals name, not a copy typed
        # by hand: each sub-goal's indicator and target, linked to it.
        for goal in plan.sub_goals.all():
            [indicator] = goal.evaluation_indicators.all()
            assert (indicator.name, indicator.target) == (goal.indicator, goal.target_value)
            assert indicator.evaluation.kind == "effectevaluatie" and indicator.instrument
        for evaluation in plan.planned_evaluations.all():
            assert evaluation.question_list and evaluation.methods and evaluation.budget
            assert evaluation.culture_sensitive
            for moment in evaluation.moments.all():
                assert plan.start_date <= moment.date <= plan.end_date


def test_half_finished_demo_plans_show_what_their_evaluation_plan_still_misses(db):
    from checklists.evaluation_plan.readiness import readiness_warnings

    _load_demo_twice()

    for plan in PlanOfApproach.objects.filter(status="concept"):
        assert plan.planned_evaluations.count() == 1
        codes = {warning.code for warning in readiness_warnings(plan)}
        assert "no_provider_agreement" in codes, plan.title
        # One sub-goal has its indicator but no evaluation measures it yet (one click
        # fixes that); the other has no indicator at all.
        assert "sub_goal_indicator_not_measured" in codes, plan.title
        assert "sub_goal_without_indicator" in codes, plan.title


def test_loading_the_demo_twice_does_not_duplicate_evaluation_plans(db):
    from checklists.models.evaluation_plan import EvaluationMoment, Indicator, PlannedEvaluation

    _load_demo_twice()

    assert PlanOfApproach.objects.count() == 4
    assert PlannedEvaluation.objects.count() == 2 * 2 + 2 * 1
    assert Indicator.objects.count() == 2 * 2
    assert EvaluationMoment.objects.count() == 2 * 4 + 2 * 1
