"""Readiness checks of a plan's evaluation plan, in plain Dutch.

Municipalities often design an evaluation too late: the baseline was never measured, the
provider never agreed to keep attendance lists, nobody asked the target group. These
checks name such gaps while the plan is still being written. Each warning links to the
place where it is fixed.

`load_evaluation_plan(plan)` fetches everything in a fixed number of queries, so the
overview, the wizard's evaluation step and the review step can all afford it.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from checklists.evaluation_models import (
    TARGET_GROUP_RESPONDENTS,
    EvaluationMoment,
    Indicator,
    PlannedEvaluation,
)
from checklists.models import SubGoal


@dataclass(frozen=True)
class Warning:
    code: str
    message: str
    url: str
    # The planned evaluation the warning is about; None for the plan as a whole.
    evaluation_id: int | None = None


@dataclass
class EvaluationPlan:
    """A plan's planned evaluations and sub-goals, with their indicators and moments."""

    plan: object
    evaluations: list
    sub_goals: list

    def moments(self):
        return [m for e in self.evaluations for m in e.moments.all()]


def load_evaluation_plan(plan) -> EvaluationPlan:
    evaluations = list(
        PlannedEvaluation.objects.filter(plan=plan).prefetch_related(
            Prefetch("moments", queryset=EvaluationMoment.objects.order_by("date", "pk")),
            Prefetch("indicators", queryset=Indicator.objects.select_related("sub_goal")),
        )
    )
    sub_goals = list(SubGoal.objects.filter(plan=plan))
    # Each sub-goal's indicators, taken from the evaluations already loaded (no query).
    by_goal = {goal.pk: goal for goal in sub_goals}
    for goal in sub_goals:
        goal.linked_indicators = []
    for evaluation in evaluations:
        for indicator in evaluation.indicators.all():
            if indicator.sub_goal_id in by_goal:
                by_goal[indicator.sub_goal_id].linked_indicators.append(indicator)
    return EvaluationPlan(plan=plan, evaluations=evaluations, sub_goals=sub_goals)


@dataclass(frozen=True)
class TimelineEntry:
    date: date
    label: str
    evaluation: PlannedEvaluation
    days_from_start: int | None
    after_end: bool

    @property
    def relative_to_start(self) -> str:
        """'week 3 na de start', or how many days before the start; '' without a start."""
        days = self.days_from_start
        if days is None:
            return ""
        if days < 0:
            return ngettext("%(n)d dag vóór de start", "%(n)d dagen vóór de start", -days) % {
                "n": -days
            }
        # Week 1 is the first seven days, as a team counts weeks of a project.
        week = days // 7 + 1
        return _("week %(n)d na de start") % {"n": week}


def timeline(evaluation_plan: EvaluationPlan) -> list[TimelineEntry]:
    """Every moment of every evaluation, by date, placed relative to the plan's start."""
    plan = evaluation_plan.plan
    entries = [
        TimelineEntry(
            date=moment.date,
            label=moment.label,
            evaluation=evaluation,
            days_from_start=(moment.date - plan.start_date).days if plan.start_date else None,
            after_end=bool(plan.end_date and moment.date > plan.end_date),
        )
        for evaluation in evaluation_plan.evaluations
        for moment in evaluation.moments.all()
    ]
    return sorted(entries, key=lambda entry: (entry.date, entry.evaluation.kind, entry.label))


def _edit_url(evaluation, anchor=""):
    url = reverse(
        "evaluation_plan:edit", kwargs={"pk": evaluation.plan_id, "evaluation_pk": evaluation.pk}
    )
    return f"{url}#{anchor}" if anchor else url


def readiness_warnings(plan, evaluation_plan: EvaluationPlan | None = None) -> list[Warning]:
    evaluation_plan = evaluation_plan or load_evaluation_plan(plan)
    overview = reverse("evaluation_plan:overview", kwargs={"pk": plan.pk})
    warnings = []
    if not evaluation_plan.evaluations:
        warnings.append(
            Warning(
                "no_evaluations",
                _(
                    "Er is nog geen evaluatie gepland. Kies welke evaluaties u doet: een "
                    "planevaluatie, een procesevaluatie en/of een effectevaluatie."
                ),
                overview,
            )
        )
    for evaluation in evaluation_plan.evaluations:
        warnings += _evaluation_warnings(plan, evaluation)
    for goal in evaluation_plan.sub_goals:
        if not goal.linked_indicators:
            warnings.append(
                Warning(
                    "sub_goal_without_indicator",
                    _(
                        "Het subdoel ‘%(goal)s’ is nog niet meetbaar: koppel er minstens "
                        "één indicator aan."
                    )
                    % {"goal": goal.description},
                    _indicator_target(evaluation_plan, overview),
                )
            )
    return warnings


def _indicator_target(evaluation_plan, overview):
    """Where to add an indicator: the effect evaluation if there is one."""
    for evaluation in evaluation_plan.evaluations:
        if evaluation.is_effect_evaluation:
            return _edit_url(evaluation, "indicatoren")
    if evaluation_plan.evaluations:
        return _edit_url(evaluation_plan.evaluations[0], "indicatoren")
    return overview


def _evaluation_warnings(plan, evaluation) -> list[Warning]:
    kind = evaluation.get_kind_display()
    warnings = []
    if evaluation.is_effect_evaluation:
        if not evaluation.baseline_from_start:
            warnings.append(
                Warning(
                    "effect_without_baseline",
                    _(
                        "De effectevaluatie heeft geen nulmeting. Zonder gegevens van vóór de "
                        "start kunt u later niet laten zien wat er veranderd is."
                    ),
                    _edit_url(evaluation, "veld-baseline_from_start"),
                    evaluation.pk,
                )
            )
        if not evaluation.indicators.all():
            warnings.append(
                Warning(
                    "effect_without_indicators",
                    _(
                        "De effectevaluatie heeft nog geen indicatoren. Leg vast waaraan u "
                        "ziet of de doelen gehaald zijn."
                    ),
                    _edit_url(evaluation, "indicatoren"),
                    evaluation.pk,
                )
            )
    if evaluation.collects_data_from_people:
        if not TARGET_GROUP_RESPONDENTS.intersection(evaluation.respondents):
            warnings.append(
                Warning(
                    "no_target_group_respondents",
                    _(
                        "In de %(kind)s worden geen mensen uit de doelgroep bevraagd, zoals "
                        "ouders, jongeren of sleutelfiguren. Alleen trainers of "
                        "professionals vragen laat niet zien hoe de doelgroep het ervaart."
                    )
                    % {"kind": kind},
                    _edit_url(evaluation, "veld-respondents"),
                    evaluation.pk,
                )
            )
        if not evaluation.provider_agreement:
            warnings.append(
                Warning(
                    "no_provider_agreement",
                    _(
                        "Voor de %(kind)s zijn nog geen afspraken met de uitvoerder gemaakt "
                        "over het verzamelen van gegevens."
                    )
                    % {"kind": kind},
                    _edit_url(evaluation, "veld-provider_agreement"),
                    evaluation.pk,
                )
            )
    if plan.end_date:
        for moment in evaluation.moments.all():
            if moment.date > plan.end_date:
                warnings.append(
                    Warning(
                        "moment_after_end",
                        _(
                            "Het evaluatiemoment ‘%(label)s’ (%(date)s) valt na de einddatum "
                            "van het plan (%(end)s)."
                        )
                        % {
                            "label": moment.label,
                            "date": date_format(moment.date),
                            "end": date_format(plan.end_date),
                        },
                        _edit_url(evaluation, "momenten"),
                        evaluation.pk,
                    )
                )
    return warnings
