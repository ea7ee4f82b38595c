"""Operations on plans that touch several models. Views call these; they never write
plans themselves, so history and optimistic locking cannot be forgotten."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from checklists import access, history, merge
from checklists.evaluation_plan.copying import copy_evaluation_plan
from checklists.models import (
    AdoptedElement,
    Answer,
    Checklist,
    PlanOfApproach,
    PlanStatus,
    Stakeholder,
    SubGoal,
)
from checklists.wizard.answers import to_storage
from checklists.wizard.progress import load_progress


class PlanConflict(Exception):
    """Someone else saved the plan after this editor loaded it."""

    def __init__(self, plan: PlanOfApproach):
        super().__init__("plan changed meanwhile")
        self.plan = plan


def _lock(plan) -> PlanOfApproach:
    """The plan's row as it is now, locked until the end of the transaction: every other
    save of the plan waits here, so what is compared below cannot change meanwhile."""
    return (
        PlanOfApproach.objects.select_for_update()
        .only("revision", "updated_by_id", "municipality_id", "status", "is_archived")
        .get(pk=plan.pk)
    )


def _is_current(locked, expected_revision: int) -> bool:
    """Whether nobody saved since the page was loaded at `expected_revision`. A second
    tab or device of the same user is another editor like anyone else."""
    return locked.revision == expected_revision


def _raise_revision(plan, user, locked) -> None:
    now = timezone.now()
    PlanOfApproach.objects.filter(pk=plan.pk).update(
        revision=F("revision") + 1, updated_by=user, updated_at=now
    )
    plan.revision, plan.updated_by, plan.updated_at = locked.revision + 1, user, now


def _claim_revision(plan, user, expected_revision: int | None) -> None:
    """Raise the plan's revision, but only if nobody else saved since `expected_revision`
    (None: no check, for actions that do not come from an edit form)."""
    locked = _lock(plan)
    if expected_revision is not None and not _is_current(locked, expected_revision):
        plan.refresh_from_db()
        raise PlanConflict(plan)
    _raise_revision(plan, user, locked)


class PlanFrozen(ValidationError):
    """The plan is definitief or archived: it takes no changes."""

    def __init__(self, plan: PlanOfApproach):
        super().__init__(_("Dit plan is definitief of gearchiveerd en kan niet worden gewijzigd."))
        self.plan = plan


def refuse_if_frozen(plan) -> None:
    if not plan.accepts_changes:
        raise PlanFrozen(plan)


def ensure_editable(plan, user) -> None:
    """403 unless the user may change the plan; a frozen plan is refused."""
    access.ensure_may_edit(user, plan)
    refuse_if_frozen(plan)


@transaction.atomic
def create_plan(
    *,
    municipality,
    user,
    title,
    intervention_type,
    intervention=None,
    start_date=None,
    end_date=None,
    checklist=None,
) -> PlanOfApproach:
    plan = PlanOfApproach.objects.create(
        municipality=municipality,
        checklist=checklist or Checklist.objects.plan_of_approach(),
        title=title,
        intervention_type=intervention_type,
        intervention=intervention,
        start_date=start_date,
        end_date=end_date,
        created_by=user,
        updated_by=user,
    )
    history.record(plan, user, "plan.created")
    return plan


@transaction.atomic
def save_details(plan, user, *, expected_revision, **fields) -> None:
    ensure_editable(plan, user)
    changed = [name for name, value in fields.items() if getattr(plan, name) != value]
    if not changed:
        return
    _claim_revision(plan, user, expected_revision)
    for name in changed:
        setattr(plan, name, fields[name])
    plan.save(update_fields=[*changed, "updated_at"])
    history.record(plan, user, "plan.details_changed", merge=True)


def _store_answers(plan, values: dict) -> None:
    """{item: storage text}, in one upsert: two saves of a new answer cannot both insert."""
    now = timezone.now()
    Answer.objects.bulk_create(
        [
            Answer(plan=plan, item=item, value=value, updated_at=now)
            for item, value in values.items()
        ],
        update_conflicts=True,
        unique_fields=["plan", "item"],
        update_fields=["value", "updated_at"],
    )


def answers_snapshot(items, stored: dict) -> dict:
    """{item pk (as text): canonical answer} of `stored` ({item pk: storage text}): the
    as-loaded values a step page carries."""
    return {str(item.pk): merge.canonical(stored.get(item.pk, "")) for item in items}


def _claim_open_plan(plan, user, expected_revision: int) -> bool | None:
    """Take the plan's row lock and raise its revision, as one UPDATE; every other save
    of the plan waits for this transaction, so what is compared after it cannot change
    meanwhile. Returns True when the page was loaded at the current revision, False when
    someone saved since (the answers are merged all the same; the list is not saved),
    None when the plan no longer takes changes."""
    now = timezone.now()
    still_open = PlanOfApproach.objects.filter(
        pk=plan.pk, status=PlanStatus.CONCEPT, is_archived=False
    )
    claim = {"revision": F("revision") + 1, "updated_by": user, "updated_at": now}
    # The usual save comes from the newest page, so it costs one query.
    if still_open.filter(revision=expected_revision).update(**claim):
        plan.revision, plan.updated_by, plan.updated_at = expected_revision + 1, user, now
        return True
    if still_open.update(**claim):
        plan.updated_by, plan.updated_at = user, now
        return False
    return None


@dataclass
class StepResult:
    """What a save of a step stored and refused. `conflicts` holds, per refused item,
    the answer someone else stored since the page was loaded; `others` the answers
    only someone else changed (kept, and new to the page); `loaded` the as-loaded values
    the page holds from now on; `revision` the revision it holds (the new one only if it
    was the newest page, so its list rows stay protected)."""

    stored: list = field(default_factory=list)
    conflicts: dict = field(default_factory=dict)
    others: dict = field(default_factory=dict)
    loaded: dict = field(default_factory=dict)
    revision: int = 0
    list_saved: bool = False
    list_refused: bool = False

    @property
    def has_conflicts(self) -> bool:
        return bool(self.conflicts or self.list_refused)


@transaction.atomic
def save_step(
    plan, section, user, *, answers: dict, expected_revision, loaded=None, formset=None
) -> StepResult:
    """Save a step's answers ({item: cleaned value}, only the fields that were valid) and
    its list formset, for "Opslaan" and autosave alike.

    The answers are merged per item (checklists/merge.py) with `loaded`, the page's
    as-loaded values ({item pk as text: canonical answer}): an answer only this page
    changed is stored, one only someone else changed is kept, one both changed
    differently is refused (in `conflicts`, nothing of it stored). A page without (or
    with damaged) as-loaded values may only store over what it was loaded with if it
    was loaded at the current revision. The list rows are saved only from a page loaded
    at the current revision (otherwise `list_refused`). Raises PlanFrozen when the plan
    no longer takes changes."""
    access.ensure_may_edit(user, plan)
    before = (plan.revision, plan.updated_by_id, plan.updated_at)
    current = _claim_open_plan(plan, user, expected_revision)
    if current is None:
        plan.refresh_from_db()
        refuse_if_frozen(plan)  # made definitief or archived while the page was open
        raise PlanFrozen(plan)
    texts = {str(item.pk): to_storage(value) for item, value in answers.items()}
    mine = {key: merge.canonical(text) for key, text in texts.items()}
    stored = dict(plan.answers.filter(item__in=list(answers)).values_list("item_id", "value"))
    now = answers_snapshot(answers, stored)
    if loaded is None:
        loaded = dict(now) if current else {}
    decision = merge.decide(mine, loaded, now)
    items = {str(item.pk): item for item in answers}
    result = StepResult(
        stored=[items[key] for key in decision.store],
        conflicts={items[key]: stored.get(items[key].pk, "") for key in decision.conflicts},
        others={
            items[key]: stored.get(items[key].pk, "")
            for key, value in mine.items()
            if value == loaded.get(key, merge.UNKNOWN) and now[key] != value
        },
    )
    list_changed = formset is not None and formset.has_changed()
    result.list_refused = list_changed and not current
    result.list_saved = list_changed and current
    if result.stored:
        _store_answers(plan, {items[key]: texts[key] for key in decision.store})
        now.update({key: mine[key] for key in decision.store})
    if result.list_saved:
        _save_list(plan, formset)
    result.loaded = merge.base_after(mine, loaded, now)
    if not result.stored and not result.list_saved:
        # Nothing stored ('Opslaan' on an untouched step, or every change refused): the
        # claim is undone, or the other editors of the plan would see a conflict for
        # nothing. The page keeps the revision it had.
        transaction.set_rollback(True)
        plan.revision, plan.updated_by_id, plan.updated_at = before
        result.revision = expected_revision
        return result
    # A page that was not the newest keeps its revision: its list rows are stale.
    result.revision = plan.revision if current else expected_revision
    history.record(
        plan,
        user,
        "plan.step_saved",
        {"answers": len(result.stored), "list": result.list_saved},
        section=section,
        merge=True,
    )
    return result


def _save_list(plan, formset) -> None:
    rows = formset.save(commit=False)
    for row in formset.deleted_objects:
        row.delete()
    next_order = max([f.instance.order for f in formset.forms if f.instance.pk] or [0]) + 1
    for row in rows:
        row.plan = plan
        if not row.pk:
            row.order = next_order
            next_order += 1
        row.save()


@transaction.atomic
def make_definitive(plan, user) -> None:
    access.ensure_may_edit(user, plan)
    # Completeness is read under the row lock every save of the answers takes: a save
    # that empties a required answer either commits first and is counted here, or waits
    # and then finds the plan definitief and is refused. Checked before the lock, such a
    # save could land in between and leave a definitief plan that is incomplete.
    locked = _lock(plan)
    refuse_if_frozen(locked)
    if not load_progress(plan).is_complete:
        raise ValidationError(
            _("Het plan is nog niet compleet: beantwoord eerst alle verplichte vragen.")
        )
    _raise_revision(plan, user, locked)
    plan.status = PlanStatus.DEFINITIVE
    plan.finalised_at = timezone.now()
    plan.save(update_fields=["status", "finalised_at", "updated_at"])
    history.record(plan, user, "plan.finalised")


def _copy_contents(source, target, *, with_names=True) -> None:
    """`with_names=False`: a copy of another municipality's voorbeeldplan, which takes
    what that municipality shared and so not the names of its stakeholders."""
    Answer.objects.bulk_create(
        Answer(plan=target, item_id=a.item_id, value=a.value) for a in source.answers.all()
    )
    source_goals = list(source.sub_goals.all())
    target_goals = SubGoal.objects.bulk_create(
        SubGoal(
            plan=target,
            description=g.description,
            indicator=g.indicator,
            target_value=g.target_value,
            deadline=g.deadline,
            order=g.order,
        )
        for g in source_goals
    )
    # The evaluation plan comes along, its indicators linked to the new sub-goals.
    copy_evaluation_plan(
        source,
        target,
        {old.pk: new.pk for old, new in zip(source_goals, target_goals, strict=True)},
    )
    Stakeholder.objects.bulk_create(
        Stakeholder(
            plan=target,
            name=s.name if with_names else _("(naam niet gedeeld)"),
            kind=s.kind,
            role=s.role,
            responsibility=s.responsibility,
            order=s.order,
        )
        for s in source.stakeholders.all()
    )
    AdoptedElement.objects.bulk_create(
        AdoptedElement(plan=target, element_id=e.element_id, note=e.note)
        for e in source.adopted_elements.all()
    )


class NewerVersionExists(ValidationError):
    """The definitief plan already has a newer version (a double click, or a colleague
    was first): that one is opened instead of making a second."""

    def __init__(self, newer: PlanOfApproach):
        super().__init__(
            _("Van deze versie bestaat al een nieuwere versie (versie %(n)d); die ziet u nu.")
            % {"n": newer.version}
        )
        self.newer = newer


@transaction.atomic
def new_version_from_definitive(plan, user) -> PlanOfApproach:
    """Editing a definitief plan: a new concept version; the definitief one stays as it is.
    Raises NewerVersionExists when the plan has one already."""
    access.ensure_may_edit(user, plan)
    if not plan.is_definitive:
        raise ValidationError(_("Alleen van een definitief plan maakt u een nieuwe versie."))
    newer = plan.next_versions.first()
    if newer is not None:
        raise NewerVersionExists(newer)
    try:
        # A request running in parallel passes the check above too; the unique
        # previous_version makes this insert wait for it and then fail.
        with transaction.atomic():
            new = PlanOfApproach.objects.create(
                municipality=plan.municipality,
                checklist=plan.checklist,
                title=plan.title,
                intervention_type=plan.intervention_type,
                intervention=plan.intervention,
                start_date=plan.start_date,
                end_date=plan.end_date,
                version=plan.version + 1,
                previous_version=plan,
                created_by=user,
                updated_by=user,
            )
    except IntegrityError:
        newer = plan.next_versions.first()
        if newer is None:
            raise
        raise NewerVersionExists(newer) from None
    _copy_contents(plan, new)
    history.record(new, user, "plan.version_created", {"version": new.version})
    return new


@transaction.atomic
def duplicate_plan(plan, user, title=None) -> PlanOfApproach:
    """Copy a plan the user may read (an own plan or a voorbeeldplan) into the user's own
    municipality, as a fresh concept that is shared with nobody."""
    if not (access.may_create(user) and access.may_read(user, plan)):
        raise PermissionDenied
    copy = PlanOfApproach.objects.create(
        municipality=user.municipality,
        checklist=plan.checklist,
        title=title or _("Kopie van %(title)s") % {"title": plan.title},
        intervention_type=plan.intervention_type,
        intervention=plan.intervention,
        start_date=plan.start_date,
        end_date=plan.end_date,
        created_by=user,
        updated_by=user,
    )
    _copy_contents(plan, copy, with_names=access.may_see_internals(user, plan))
    # From another municipality: one of its voorbeeldplannen, and history names it.
    other = plan.municipality.name if plan.municipality_id != user.municipality_id else None
    history.record(copy, user, "plan.copied", {"title": plan.title, "municipality": other})
    return copy


@transaction.atomic
def delete_concept(plan, user) -> None:
    """Delete a concept with everything in it. A definitief version is kept for good;
    deleting the concept that was made from one leaves it as it is (it can be given a
    new version again)."""
    access.ensure_may_edit(user, plan)
    # Under the row lock: a plan made definitief by a colleague meanwhile is kept.
    locked = _lock(plan)
    if locked.status != PlanStatus.CONCEPT:
        raise ValidationError(_("Een definitief plan wordt bewaard en kan niet worden verwijderd."))
    previous = plan.previous_version
    version = plan.version
    PlanOfApproach.objects.filter(pk=plan.pk).delete()
    if previous is not None:
        history.record(previous, user, "plan.version_deleted", {"version": version})


@transaction.atomic
def set_archived(plan, user, archived: bool) -> None:
    access.ensure_may_edit(user, plan)
    plan.is_archived = archived
    plan.save(update_fields=["is_archived"])
    history.record(plan, user, "plan.archived" if archived else "plan.restored")


@transaction.atomic
def set_sharing(plan, user, *, shared_with_ess=None, is_example_plan=None) -> None:
    access.ensure_may_edit(user, plan)
    actions = []
    if shared_with_ess is not None and shared_with_ess != plan.shared_with_ess:
        plan.shared_with_ess = shared_with_ess
        actions.append("plan.shared_with_ess" if shared_with_ess else "plan.ess_sharing_withdrawn")
    if is_example_plan is not None and is_example_plan != plan.is_example_plan:
        plan.is_example_plan = is_example_plan
        actions.append("plan.published_as_example" if is_example_plan else "plan.example_withdrawn")
    if actions:
        plan.save(update_fields=["shared_with_ess", "is_example_plan"])
        for action in actions:  # one line each (the pages change one setting at a time)
            history.record(plan, user, action)


@transaction.atomic
def adopt_element(plan, user, element, note="") -> AdoptedElement:
    ensure_editable(plan, user)
    adopted, created = AdoptedElement.objects.update_or_create(
        plan=plan, element=element, defaults={"note": note}
    )
    _claim_revision(plan, user, None)
    history.record(
        plan,
        user,
        "element.adopted" if created else "element.note_changed",
        {"title": element.title},
    )
    return adopted


@transaction.atomic
def remove_adopted_element(plan, user, element) -> None:
    ensure_editable(plan, user)
    deleted, _rows = AdoptedElement.objects.filter(plan=plan, element=element).delete()
    if deleted:
        _claim_revision(plan, user, None)
        history.record(plan, user, "element.removed", {"title": element.title})
