"""Copying a plan's evaluation plan into a new version or a copy of the plan. Kept apart
from services.py because checklists.wizard.services (the wizard's copy) calls it, and
services.py itself depends on checklists.wizard.services."""

from checklists.models.evaluation_plan import (
    EvaluationChecklistAnswer,
    EvaluationMoment,
    Indicator,
    PlannedEvaluation,
)


def copy_evaluation_plan(source, target, sub_goal_map: dict) -> None:
    """Copy the evaluation plan into a new version or copy of a plan. `sub_goal_map`
    maps the source's sub-goal ids to the target's, so indicators stay linked."""
    for evaluation in source.planned_evaluations.prefetch_related(
        "indicators", "moments", "checklist_answers"
    ):
        copy = PlannedEvaluation.objects.create(
            plan=target,
            kind=evaluation.kind,
            questions=evaluation.questions,
            methods=evaluation.methods,
            respondents=evaluation.respondents,
            performed_by=evaluation.performed_by,
            baseline_from_start=evaluation.baseline_from_start,
            provider_agreement=evaluation.provider_agreement,
            provider_agreement_note=evaluation.provider_agreement_note,
            budget=evaluation.budget,
            culture_sensitive=evaluation.culture_sensitive,
            culture_note=evaluation.culture_note,
        )
        Indicator.objects.bulk_create(
            Indicator(
                evaluation=copy,
                sub_goal_id=sub_goal_map.get(indicator.sub_goal_id),
                name=indicator.name,
                instrument=indicator.instrument,
                target=indicator.target,
            )
            for indicator in evaluation.indicators.all()
        )
        EvaluationMoment.objects.bulk_create(
            EvaluationMoment(evaluation=copy, label=moment.label, date=moment.date)
            for moment in evaluation.moments.all()
        )
        EvaluationChecklistAnswer.objects.bulk_create(
            EvaluationChecklistAnswer(evaluation=copy, item_id=answer.item_id, value=answer.value)
            for answer in evaluation.checklist_answers.all()
        )
