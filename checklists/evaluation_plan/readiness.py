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

from checklists.evaluation_plan.services import measuring_evaluation
from checklists.models import ChecklistSection, ListKind, SubGoal
from checklists.models.evaluation_plan import (
    TARGET_GROUP_RESPONDENTS,
    EvaluationMoment,
    Indicator,
    PlannedEvaluation,
)


@dataclass(frozen=True)
class ReadinessWarning:
    code: str
    message: str
    url: str
    # The planned evaluation the warning is about; None for the plan as a whole.
    evaluation_id: int | None = None
    # A one-click fix an editor can POST to (a plain form, so it works without JavaScript).
    action_url: str = ""
    action_label: str = ""
    # What the action's button is about, for a screen reader that lists the buttons.
    action_subject: str = ""


@dataclass
class EvaluationPlan:
    """A plan's planned evaluations and sub-goals, with their indicators and moments."""

    plan: object
    evaluations: list
    sub_goals: list

    def moments(self):
        return [m for e in self.evaluations for m in e.moments.all()]


def load_evaluation_plan(plan, sub_goals=None) -> EvaluationPlan:
    """`sub_goals`: the plan's sub-goals if the caller loaded them already (one query less)."""
    evaluations = list(
        PlannedEvaluation.objects.filter(plan=plan).prefetch_related(
            Prefetch("moments", queryset=EvaluationMoment.objects.order_by("date", "pk")),
            Prefetch("indicators", queryset=Indicator.objects.select_related("sub_goal")),
        )
    )
    if sub_goals is None:
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


def readiness_warnings(
    plan, evaluation_plan: EvaluationPlan | None = None
) -> list[ReadinessWarning]:
    evaluation_plan = evaluation_plan or load_evaluation_plan(plan)
    overview = reverse("evaluation_plan:overview", kwargs={"pk": plan.pk})
    warnings = []
    if not evaluation_plan.evaluations:
        warnings.append(
            ReadinessWarning(
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
    warnings += _sub_goal_warnings(plan, evaluation_plan, overview)
    return warnings


def _sub_goal_warnings(plan, evaluation_plan, overview) -> list[ReadinessWarning]:
    """A sub-goal is measurable once an evaluation indicator is linked to it. The
    sub-goal's own indicator (typed in the wizard) says what is measured; a linked
    evaluation indicator says how and when. A sub-goal that has the first but not the
    second gets a one-click action that makes the link."""
    unmeasured = [goal for goal in evaluation_plan.sub_goals if not goal.linked_indicators]
    target = measuring_evaluation(evaluation_plan.evaluations)
    # One query, and only when a sub-goal needs it.
    needs_step = any(not goal.indicator.strip() for goal in unmeasured)
    step_url = _sub_goal_step_url(plan) if needs_step else ""
    warnings = []
    for goal in unmeasured:
        if not goal.indicator.strip():
            warnings.append(
                ReadinessWarning(
                    "sub_goal_without_indicator",
                    _(
                        "Het subdoel ‘%(goal)s’ is nog niet meetbaar: geef het een indicator. "
                        "Schrijf bij het subdoel waaraan u ziet of het gehaald wordt."
                    )
                    % {"goal": goal.description},
                    step_url or _indicator_target(evaluation_plan, overview),
                )
            )
            continue
        if target is None:
            message = _(
                "Het subdoel ‘%(goal)s’ heeft een indicator (‘%(indicator)s’), maar er is nog "
                "geen evaluatie gepland die haar meet. Plan eerst een evaluatie."
            )
        else:
            message = _(
                "Het subdoel ‘%(goal)s’ heeft een indicator (‘%(indicator)s’), maar nog geen "
                "geplande evaluatie meet haar."
            )
        # Without an evaluation there is nothing to measure in, so no button: the
        # no_evaluations warning links to where one is planned.
        action = {}
        if target is not None:
            action = {
                "action_url": _measure_url(plan, goal),
                "action_label": _("Meten in de %(kind)s") % {"kind": target.get_kind_display()},
                "action_subject": goal.indicator,
            }
        warnings.append(
            ReadinessWarning(
                "sub_goal_indicator_not_measured",
                message % {"goal": goal.description, "indicator": goal.indicator},
                _indicator_target(evaluation_plan, overview),
                **action,
            )
        )
    return warnings


def _indicator_target(evaluation_plan, overview):
    """Where to add an indicator: the effect evaluation's indicators if there is one."""
    evaluation = measuring_evaluation(evaluation_plan.evaluations)
    return _edit_url(evaluation, "indicatoren") if evaluation else overview


def _measure_url(plan, goal):
    return reverse(
        "evaluation_plan:measure_sub_goal", kwargs={"pk": plan.pk, "sub_goal_pk": goal.pk}
    )


def _sub_goal_step_url(plan) -> str:
    """The wizard step with the plan's list of sub-goals; '' if ESS removed that list."""
    slug = (
        ChecklistSection.objects.filter(
            checklist_id=plan.checklist_id, list_kind=ListKind.SUB_GOALS
        )
        .order_by("order", "pk")
        .values_list("slug", flat=True)
        .first()
    )
    if slug is None:
        return ""
    url = reverse("wizard:plan_step", kwargs={"pk": plan.pk, "section_slug": slug})
    return f"{url}#lijst"


def _evaluation_warnings(plan, evaluation) -> list[ReadinessWarning]:
    kind = evaluation.get_kind_display()
    warnings = []
    if evaluation.is_effect_evaluation:
        if not evaluation.baseline_from_start:
            warnings.append(
                ReadinessWarning(
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
                ReadinessWarning(
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
                ReadinessWarning(
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
                ReadinessWarning(
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
    return warnings


def readiness_advice(plan, evaluation_plan: EvaluationPlan | None = None) -> list[ReadinessWarning]:
    """Advice, not gaps: they never keep a plan from being ready.

    A moment after the plan's end date is often right: the toolkit places the effect
    evaluation after a period of running ("na een bepaalde looptijd"), so a follow-up
    measurement after the end is recommended, as long as someone will still do it."""
    evaluation_plan = evaluation_plan or load_evaluation_plan(plan)
    advice = []
    if not plan.end_date:
        return advice
    for evaluation in evaluation_plan.evaluations:
        for moment in evaluation.moments.all():
            if moment.date > plan.end_date:
                advice.append(
                    ReadinessWarning(
                        "moment_after_end",
                        _(
                            "Het evaluatiemoment ‘%(label)s’ (%(date)s) valt na de einddatum "
                            "van het plan (%(end)s). Dat kan goed zijn: de toolkit raadt aan "
                            "effecten na een bepaalde periode te meten. Spreek wel af wie die "
                            "meting na afloop doet en betaalt."
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
    return advice


@dataclass(frozen=True)
class ReadinessBox:
    """What the readiness box on the wizard's pages shows
    (templates/checklists/evaluation_plan/_readiness_box.html)."""

    evaluation_count: int
    warnings: list
    can_edit: bool
    advice: list


def readiness_box(plan, *, can_edit: bool) -> ReadinessBox:
    evaluation_plan = load_evaluation_plan(plan)
    return ReadinessBox(
        evaluation_count=len(evaluation_plan.evaluations),
        warnings=readiness_warnings(plan, evaluation_plan),
        can_edit=can_edit and plan.accepts_changes,
        advice=readiness_advice(plan, evaluation_plan),
    )
