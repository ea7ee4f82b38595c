"""Writes to a plan's evaluation plan. Views call these, so the editor check and the
plan's history cannot be forgotten.

The plan's revision (optimistic locking of the wizard) is deliberately not raised: the
evaluation plan has its own rows, and raising it would make an open wizard tab report
a conflict over answers nobody touched. `updated_at` and `updated_by` do change, so
"Mijn plannen" says who edited last and the cached PDF (keyed on updated_at) renews.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from checklists import history, merge
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


class EvaluationGone(Exception):
    """The evaluation was removed from the evaluation plan while the page was open."""


def _lock_plan(plan) -> None:
    """The plan's row lock, taken first by every evaluation-plan write: the wizard's
    saves lock the plan before its rows too, so the two never wait for each other in
    opposite order."""
    list(PlanOfApproach.objects.select_for_update().filter(pk=plan.pk).values_list("pk"))


def _lock(evaluation, user) -> PlannedEvaluation:
    """The evaluation's row as it is now, locked until the transaction ends: every other
    write to the evaluation, its rows or its checklist answers waits here, so what a save
    compares below cannot change meanwhile."""
    ensure_editable(evaluation.plan, user)
    _lock_plan(evaluation.plan)
    locked = PlannedEvaluation.objects.select_for_update().filter(pk=evaluation.pk).first()
    if locked is None:
        raise EvaluationGone
    locked.plan = evaluation.plan
    return locked


def _raise_revision(locked) -> None:
    PlannedEvaluation.objects.filter(pk=locked.pk).update(
        revision=F("revision") + 1, updated_at=timezone.now()
    )
    locked.revision += 1  # exact: the row is locked by this transaction


def _record_evaluation_change(evaluation, user) -> None:
    """'Last changed by' on the plan, and one merged history line per evaluation."""
    _touch(evaluation.plan, user)
    history.record(
        evaluation.plan, user, "evaluation.changed", {"kind": evaluation.kind}, merge=True
    )


@dataclass
class RowConflict:
    """An indicator or moment this page changed that someone else changed or removed
    (or removed by this page while someone else changed it). Nothing of it was stored."""

    kind: str  # "changed", "removed_elsewhere" or "changed_elsewhere" (this page removed it)
    pk: int
    mine: dict  # the page's values, {field: cleaned value}


@dataclass
class SaveResult:
    """What a save stored and what it refused. `conflicts` holds the stored value of each
    field another editor changed since the page was loaded; `loaded` the as-loaded values
    the page holds from now on (merge.base_after)."""

    stored: list = field(default_factory=list)
    conflicts: dict = field(default_factory=dict)
    invalid: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    loaded: dict = field(default_factory=dict)
    revision: int = 0

    @property
    def has_conflicts(self) -> bool:
        return bool(self.conflicts or self.rows)


def _as_loaded(loaded, revision, locked, now) -> dict:
    """The page's as-loaded values; a page that did not send them (or sent them damaged)
    but was loaded at the current revision has seen what is stored now."""
    if loaded is not None:
        return loaded
    return dict(now) if revision == locked.revision else {}


def _merge_fields(locked, cleaned: dict, loaded, revision, result: SaveResult) -> None:
    """Store the evaluation's own fields this page changed and nobody else did."""
    mine = {name: merge.canonical(value) for name, value in cleaned.items()}
    now = merge.snapshot(locked, mine)
    base = _as_loaded(loaded, revision, locked, now)
    decision = merge.decide(mine, base, now)
    if decision.store:
        for name in decision.store:
            setattr(locked, name, cleaned[name])
        locked.save(update_fields=[*decision.store, "updated_at"])
        now.update({name: mine[name] for name in decision.store})
    result.stored = decision.store
    result.conflicts = {name: getattr(locked, name) for name in decision.conflicts}
    result.loaded = merge.base_after(mine, base, now)


def _merge_rows(locked, formset, revision, result: SaveResult) -> bool:
    """Indicator or moment rows, each row as one unit: a row this page changed is stored
    if nobody else changed or removed it since the page was loaded; a new row is added.
    Returns whether anything was stored."""
    seen_everything = revision == locked.revision
    names = formset.row_fields()
    # Read under the lock: the formset's own rows were read before it was taken.
    stored = {row.pk: row for row in formset.model.objects.filter(evaluation=locked)}
    changed = False
    for form in formset.forms:
        data = form.cleaned_data
        removing = formset._should_delete_form(form)
        if form.row_pk is None:
            if form.has_changed() and not removing:
                row = form.save(commit=False)
                row.evaluation = locked
                row.save()
                changed = True
            continue
        mine = {name: merge.canonical(data.get(name)) for name in names}
        base = merge.loads(data.get("loaded"))
        if base is not None:
            base = {name: base[name] for name in names if name in base}
        row = stored.get(form.row_pk)
        if base is None and seen_everything and row is not None:
            base = merge.snapshot(row, names)
        if row is None:  # removed by someone else since the page was loaded
            if not removing and mine != base:
                result.rows.append(RowConflict("removed_elsewhere", form.row_pk, data))
            continue
        now = merge.snapshot(row, names)
        if removing:
            if now == base:
                row.delete()
                changed = True
            else:
                result.rows.append(RowConflict("changed_elsewhere", row.pk, data))
            continue
        decision = merge.decide({"row": mine}, {"row": base} if base else {}, {"row": now})
        if decision.conflicts:
            result.rows.append(RowConflict("changed", row.pk, data))
        elif decision.store:
            for name in names:
                setattr(row, name, data[name])
            row.save(update_fields=names)
            changed = True
    return changed


@transaction.atomic
def save_evaluation(evaluation, user, *, form, indicators, moments, loaded, revision) -> SaveResult:
    """Save a valid evaluation form with its indicator and moment formsets, merged per
    field and per row with what others stored since the page was loaded (`loaded`: the
    page's as-loaded values of the evaluation's fields, `revision`: the evaluation's
    revision then). Refused fields and rows are in the result; the rest is stored."""
    locked = _lock(evaluation, user)
    result = SaveResult()
    _merge_fields(locked, dict(form.cleaned_data), loaded, revision, result)
    rows_changed = _merge_rows(locked, indicators, revision, result)
    rows_changed = _merge_rows(locked, moments, revision, result) or rows_changed
    if result.stored or rows_changed:
        _raise_revision(locked)
        _record_evaluation_change(locked, user)
    result.revision = locked.revision
    return result


@transaction.atomic
def autosave_evaluation(evaluation, user, form, *, loaded, revision) -> SaveResult:
    """Store the fields of a bound evaluation form that are valid (htmx autosave while
    typing), merged per field like `save_evaluation`; a field with an error keeps its
    stored value and stays as typed in the browser (`invalid`). Indicator and moment
    rows are left to the page's buttons: a half-typed new row has no id yet."""
    locked = _lock(evaluation, user)
    form.is_valid()
    valid = {
        name: form.cleaned_data[name]
        for name in form.fields
        if name not in form.errors and name in form.cleaned_data
    }
    result = SaveResult()
    _merge_fields(locked, valid, loaded, revision, result)
    if result.stored:
        _raise_revision(locked)
        _record_evaluation_change(locked, user)
    result.invalid = [name for name in form.fields if name not in valid]
    result.revision = locked.revision
    return result


@transaction.atomic
def delete_evaluation(evaluation, user) -> None:
    try:
        locked = _lock(evaluation, user)
    except EvaluationGone:
        return  # removed by someone else already: what the user wanted
    locked.delete()
    _touch(evaluation.plan, user)
    history.record(evaluation.plan, user, "evaluation.removed", {"kind": evaluation.kind})


@transaction.atomic
def adopt_suggestion(evaluation, user, suggestion: IndicatorSuggestion) -> Indicator:
    """Take an indicator from ESS's library; the team links it to a sub-goal afterwards."""
    locked = _lock(evaluation, user)
    if suggestion.intervention_type_id != evaluation.plan.intervention_type_id:
        raise ValidationError(_("Deze indicator hoort bij een ander interventietype."))
    indicator = Indicator.objects.create(
        evaluation=locked, name=suggestion.name, instrument=suggestion.instrument
    )
    _raise_revision(locked)
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
    _lock_plan(plan)
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
    _raise_revision(evaluation)
    _touch(plan, user)
    history.record(
        plan,
        user,
        "evaluation.sub_goal_measured",
        {"name": indicator.name, "kind": evaluation.kind},
        merge=True,
    )
    return indicator, True


def checklist_snapshot(evaluation, items) -> dict:
    """{item pk (as text): canonical stored answer} for the given checklist items: the
    as-loaded values of the checklist page."""
    stored = dict(
        evaluation.checklist_answers.filter(item__in=items).values_list("item_id", "value")
    )
    return {str(item.pk): merge.canonical(stored.get(item.pk, "")) for item in items}


@transaction.atomic
def save_checklist_answers(evaluation, user, answers: dict, *, loaded, revision) -> SaveResult:
    """Store the team's answers ({ChecklistItem: cleaned value}) to the toolkit checklist
    of the evaluation's kind, merged per item like the evaluation's fields: an answer
    someone else changed since the page was loaded (`loaded`, `revision`) is refused and
    its stored value returned in `conflicts` (keyed by item pk as text)."""
    locked = _lock(evaluation, user)
    texts = {str(item.pk): to_storage(value) for item, value in answers.items()}
    mine = {key: merge.canonical(text) for key, text in texts.items()}
    now = checklist_snapshot(locked, list(answers))
    base = _as_loaded(loaded, revision, locked, now)
    decision = merge.decide(mine, base, now)
    result = SaveResult(stored=decision.store)
    if decision.store:
        updated_at = timezone.now()
        EvaluationChecklistAnswer.objects.bulk_create(
            [
                EvaluationChecklistAnswer(
                    evaluation=locked, item_id=int(key), value=texts[key], updated_at=updated_at
                )
                for key in decision.store
            ],
            update_conflicts=True,
            unique_fields=["evaluation", "item"],
            update_fields=["value", "updated_at"],
        )
        now.update({key: mine[key] for key in decision.store})
        _raise_revision(locked)
        _touch(evaluation.plan, user)
        history.record(
            evaluation.plan,
            user,
            "evaluation.checklist_updated",
            {"kind": evaluation.kind},
            merge=True,
        )
    result.conflicts = {key: now[key] for key in decision.conflicts}
    # The page is drawn again with the other's answer next to each refused field, so
    # saving it again stores the user's answer deliberately.
    result.loaded = merge.base_after(mine, base, now, seen=decision.conflicts)
    result.revision = locked.revision
    return result
