"""Writes to a plan's evaluation plan. Views call these, so the editor check and the
plan's history cannot be forgotten.

The plan's revision (optimistic locking of the wizard) is deliberately not raised: the
evaluation plan has its own rows, and raising it would make an open wizard tab report
a conflict over answers nobody touched. `updated_at` and `updated_by` do change, so
"Mijn plannen" says who edited last and the cached PDF (keyed on updated_at) renews.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from checklists import history
from checklists.models import PlanOfApproach, PlanStatus, SubGoal
from checklists.models.evaluation_plan import (
    EvaluationChecklistAnswer,
    Indicator,
    IndicatorSuggestion,
    PlannedEvaluation,
)
from checklists.wizard.answers import to_storage
from checklists.wizard.services import ensure_editable, refuse_if_frozen


def _touch(plan, user) -> None:
    """'Last changed by' on the plan, the last write of every change. The UPDATE takes
    the plan's row lock and requires it to be a concept still, so a plan made definitief
    or archived since the request read it refuses the change, and everything the
    transaction wrote is rolled back (`ensure_editable` saw the plan as it was read)."""
    touched = PlanOfApproach.objects.filter(
        pk=plan.pk, status=PlanStatus.CONCEPT, is_archived=False
    ).update(updated_at=timezone.now(), updated_by=user)
    if not touched:
        plan.refresh_from_db(fields=["status", "is_archived"])
        refuse_if_frozen(plan)


class AlreadyPlanned(ValidationError):
    """The plan has an evaluation of this kind already (a double click, or a colleague
    was first): that one is opened instead of adding a second."""

    def __init__(self, evaluation: PlannedEvaluation):
        super().__init__(_("Deze evaluatie staat al in het evaluatieplan; u ziet haar nu."))
        self.evaluation = evaluation


@transaction.atomic
def add_evaluation(plan, user, kind) -> PlannedEvaluation:
    """Plan an evaluation of one kind; who performs it follows the toolkit's default.
    Raises AlreadyPlanned when the plan has one of that kind."""
    ensure_editable(plan, user)
    existing = PlannedEvaluation.objects.filter(plan=plan, kind=kind).first()
    if existing is not None:
        raise AlreadyPlanned(existing)
    evaluation = PlannedEvaluation(plan=plan, kind=kind)
    # The unique constraint is left to the insert: checked here, a parallel request
    # would pass it too.
    evaluation.full_clean(validate_constraints=False)
    try:
        # A request running in parallel passes the check above too; the constraint of
        # one evaluation per plan and kind makes this insert wait for it and then fail.
        with transaction.atomic():
            evaluation.save()
    except IntegrityError:
        existing = PlannedEvaluation.objects.filter(plan=plan, kind=kind).first()
        if existing is None:
            raise
        raise AlreadyPlanned(existing) from None
    _touch(plan, user)
    history.record(plan, user, "evaluation.added", {"kind": evaluation.kind})
    return evaluation


def _record_evaluation_change(evaluation, user) -> None:
    """'Last changed by' on the plan, and one merged history line per evaluation."""
    _touch(evaluation.plan, user)
    history.record(
        evaluation.plan, user, "evaluation.changed", {"kind": evaluation.kind}, merge=True
    )


@transaction.atomic
def save_evaluation(evaluation, user, *, form, indicators, moments) -> None:
    """Save a valid evaluation form with its indicator and moment formsets."""
    ensure_editable(evaluation.plan, user)
    form.save()
    indicators.save()
    moments.save()
    _record_evaluation_change(evaluation, user)


@transaction.atomic
def autosave_evaluation(evaluation, user, form) -> list[str]:
    """Store the fields of a bound evaluation form that are valid (htmx autosave while
    typing); a field with an error keeps its stored value and stays as typed in the
    browser. Indicator and moment rows are left to the page's buttons: a half-typed
    new row has no id yet. Returns the names of the fields that were not saved."""
    ensure_editable(evaluation.plan, user)
    form.is_valid()
    valid = [name for name in form.fields if name not in form.errors and name in form.cleaned_data]
    for name in valid:
        setattr(evaluation, name, form.cleaned_data[name])
    evaluation.save(update_fields=[*valid, "updated_at"])
    _record_evaluation_change(evaluation, user)
    return [name for name in form.fields if name not in valid]


@transaction.atomic
def delete_evaluation(evaluation, user) -> None:
    ensure_editable(evaluation.plan, user)
    evaluation.delete()
    _touch(evaluation.plan, user)
    history.record(evaluation.plan, user, "evaluation.removed", {"kind": evaluation.kind})


@transaction.atomic
def adopt_suggestion(evaluation, user, suggestion: IndicatorSuggestion) -> Indicator:
    """Take an indicator from ESS's library; the team links it to a sub-goal afterwards."""
    ensure_editable(evaluation.plan, user)
    if suggestion.intervention_type_id != evaluation.plan.intervention_type_id:
        raise ValidationError(_("Deze indicator hoort bij een ander interventietype."))
    indicator = Indicator.objects.create(
        evaluation=evaluation, name=suggestion.name, instrument=suggestion.instrument
    )
    _touch(evaluation.plan, user)
    history.record(
        evaluation.plan, user, "evaluation.indicator_adopted", {"name": suggestion.name}, merge=True
    )
    return indicator


def measuring_evaluation(evaluations):
    """The evaluation that measures a sub-goal's indicator by default: the effect
    evaluation if it is planned (effects are what sub-goals are about), otherwise the
    first planned evaluation; None without any."""
    evaluations = list(evaluations)
    effect = [e for e in evaluations if e.is_effect_evaluation]
    return (effect or evaluations or [None])[0]


@transaction.atomic
def measure_sub_goal(plan, user, sub_goal) -> tuple[Indicator, bool]:
    """Let a planned evaluation measure the indicator the team wrote for a sub-goal in
    the wizard: a linked Indicator named after it, with its target value. Returns
    (indicator, created); a sub-goal that is measured already gets no second one, so a
    double click or a stale page adds nothing."""
    ensure_editable(plan, user)
    # The lock serialises two clicks at once, so the check below sees the first's row.
    sub_goal = SubGoal.objects.select_for_update().get(pk=sub_goal.pk, plan=plan)
    existing = Indicator.objects.filter(sub_goal=sub_goal).select_related("evaluation").first()
    if existing is not None:
        return existing, False
    if not sub_goal.indicator.strip():
        raise ValidationError(
            _("Dit subdoel heeft nog geen indicator. Vul die eerst in bij de subdoelen.")
        )
    evaluation = measuring_evaluation(PlannedEvaluation.objects.filter(plan=plan))
    if evaluation is None:
        raise ValidationError(
            _("Plan eerst een evaluatie; daarna kan die de indicator van het subdoel meten.")
        )
    indicator = Indicator(
        evaluation=evaluation,
        sub_goal=sub_goal,
        name=sub_goal.indicator.strip(),
        target=sub_goal.target_value,
    )
    indicator.full_clean()
    indicator.save()
    _touch(plan, user)
    history.record(
        plan,
        user,
        "evaluation.sub_goal_measured",
        {"name": indicator.name, "kind": evaluation.kind},
        merge=True,
    )
    return indicator, True


@transaction.atomic
def save_checklist_answers(evaluation, user, answers: dict) -> None:
    """Store the team's answers ({ChecklistItem: cleaned value}) to the toolkit
    checklist of the evaluation's kind."""
    ensure_editable(evaluation.plan, user)
    stored = {a.item_id: a for a in evaluation.checklist_answers.all()}
    changed = False
    for item, value in answers.items():
        text = to_storage(value)
        answer = stored.get(item.pk)
        if answer is None and text:
            EvaluationChecklistAnswer.objects.create(evaluation=evaluation, item=item, value=text)
            changed = True
        elif answer is not None and answer.value != text:
            answer.value = text
            answer.save(update_fields=["value", "updated_at"])
            changed = True
    if changed:
        _touch(evaluation.plan, user)
        history.record(
            evaluation.plan,
            user,
            "evaluation.checklist_updated",
            {"kind": evaluation.kind},
            merge=True,
        )
