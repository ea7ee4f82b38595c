"""Operations on plans that touch several models. Views call these; they never write
plans themselves, so history and optimistic locking cannot be forgotten."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from checklists import workspace_version
from checklists.access import can_edit
from checklists.answers import to_storage
from checklists.evaluation_plan.copying import copy_evaluation_plan
from checklists.models import (
    AdoptedElement,
    Answer,
    Checklist,
    PlanChange,
    PlanOfApproach,
    PlanStatus,
    Stakeholder,
    SubGoal,
)
from checklists.progress import load_progress

# Autosave fires every few seconds while typing; history keeps one line per person and
# section per such stretch of work instead of one line per keystroke pause.
HISTORY_MERGE_WINDOW = timedelta(minutes=15)


class PlanConflict(Exception):
    """Someone else saved the plan after this editor loaded it."""

    def __init__(self, plan: PlanOfApproach):
        super().__init__("plan changed meanwhile")
        self.plan = plan


def record_change(plan, user, summary, section=None, merge=False) -> None:
    """A line in the plan's history. `merge`: renew the line of the same stretch of work
    (same person and section, within HISTORY_MERGE_WINDOW) instead of adding one."""
    if merge:
        _renew_or_add_change(plan, user, summary, section)
    else:
        PlanChange.objects.create(
            plan=plan,
            user=user,
            section=section,
            section_title=section.title if section else "",
            summary=summary,
        )


def _renew_or_add_change(plan, user, summary, section) -> None:
    """One statement: renew the stretch's line, or add one if there is none. A merged
    line is only written here, and a new one only when none is in the window, so the
    window holds at most one. Raw SQL because the autosave runs this every few seconds,
    and as one statement it is a round trip and most of the ORM's work cheaper."""
    table = PlanChange._meta.db_table
    # Lines without a section come from many kinds of change: merge only the same kind
    # ("Gegevens van het plan gewijzigd", one evaluation's changes), so that "Plan
    # aangemaakt" or another evaluation's line is never overwritten.
    same_kind = (
        "section_id = %(section)s" if section else "section_id IS NULL AND summary = %(summary)s"
    )
    now = timezone.now()
    sql = f"""
        WITH renewed AS (
            UPDATE {table} SET summary = %(summary)s, created_at = %(now)s
            WHERE plan_id = %(plan)s AND user_id = %(user)s AND {same_kind}
              AND created_at >= %(since)s
            RETURNING id
        )
        INSERT INTO {table} (plan_id, user_id, section_id, section_title, summary, created_at)
        SELECT %(plan)s, %(user)s, %(section)s, %(title)s, %(summary)s, %(now)s
        WHERE NOT EXISTS (SELECT FROM renewed)
    """  # noqa: S608 (the table name comes from the model, values are parameters)
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "plan": plan.pk,
                "user": user.pk,
                "section": section.pk if section else None,
                "title": section.title if section else "",
                "summary": summary,
                "now": now,
                "since": now - HISTORY_MERGE_WINDOW,
            },
        )
    workspace_version.changed(PlanChange, plans=(plan,))  # raw SQL sends no signal


def _claim_revision(plan, user, expected_revision: int | None) -> None:
    """Raise the plan's revision, but only if nobody else saved since `expected_revision`
    (None: no check, for actions that do not come from an edit form)."""
    if expected_revision is None:
        PlanOfApproach.objects.filter(pk=plan.pk).update(
            revision=F("revision") + 1, updated_by=user, updated_at=timezone.now()
        )
        workspace_version.changed(PlanOfApproach, plans=(plan,))  # update(): no signal
        plan.refresh_from_db(fields=["revision", "updated_by", "updated_at"])
    elif not _claimed(plan, user, expected_revision):
        _refuse_claim(plan)


def _claimed(plan, user, expected_revision: int, still_editable=False) -> bool:
    """The conditional UPDATE of the revision: true if this save may go ahead. It takes
    the plan's row lock, so every save of the plan after it waits for this transaction.

    One save by the same user in between is accepted: that is the user's own autosave,
    still on its way back to the page when the user pressed 'Opslaan'.

    `still_editable`: also only if the plan is still a concept of the user's own
    municipality, checked under that lock.

    Raw SQL because the new revision comes back with the UPDATE (RETURNING), which the
    ORM's update() cannot do: the plan is not read back."""
    editable = (
        "AND municipality_id = %(municipality)s AND status = %(concept)s AND NOT is_archived"
        if still_editable
        else ""
    )
    sql = f"""
        UPDATE {PlanOfApproach._meta.db_table}
        SET revision = revision + 1, updated_by_id = %(user)s, updated_at = %(now)s
        WHERE id = %(plan)s
          AND (revision = %(seen)s OR (revision = %(seen)s + 1 AND updated_by_id = %(user)s))
          {editable}
        RETURNING revision
    """  # noqa: S608 (the table name comes from the model, values are parameters)
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "plan": plan.pk,
                "user": user.pk,
                "now": now,
                "seen": expected_revision,
                "municipality": user.municipality_id,
                "concept": PlanStatus.CONCEPT,
            },
        )
        row = cursor.fetchone()
    # Told even when no row matched: the safety net saw an UPDATE of the plans' table.
    workspace_version.changed(PlanOfApproach, plans=(plan,))  # raw SQL sends no signal
    if row is None:
        return False
    plan.revision, plan.updated_by, plan.updated_at = row[0], user, now
    return True


def _refuse_claim(plan, still_editable=False):
    """After a failed claim: the plan as it is now, in the PlanConflict (or the refusal
    of a plan that was made definitief or archived meanwhile)."""
    plan.refresh_from_db()
    if still_editable:
        refuse_if_frozen(plan)
    raise PlanConflict(plan)


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
    if not PlanOfApproach.objects.editable_by(user).filter(pk=plan.pk).exists():
        raise PermissionDenied
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
    record_change(plan, user, _("Plan aangemaakt"))
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
    record_change(plan, user, _("Gegevens van het plan gewijzigd"), merge=True)


def _any_answer_differs(plan, values: dict) -> bool:
    """Whether a value (in storage form) differs from the stored answer."""
    stored = dict(plan.answers.filter(item__in=list(values)).values_list("item_id", "value"))
    return any(stored.get(item.pk, "") != value for item, value in values.items())


def _store_answers(plan, values: dict) -> int:
    """Store the values (in storage form) that differ from the stored answers; returns
    how many did. One statement that compares and writes, run under the claim's row
    lock: every earlier save of the plan is visible to it, so an autosave and a submit
    of the same page at the same moment cannot both insert, nor store a stale value.
    Raw SQL because the ORM's bulk upsert cannot leave unchanged answers out."""
    if not values:
        return 0
    table = Answer._meta.db_table
    sql = f"""
        INSERT INTO {table} (plan_id, item_id, value, updated_at)
        SELECT %(plan)s, posted.item_id, posted.value, %(now)s
        FROM unnest(%(items)s::bigint[], %(values)s::text[]) AS posted (item_id, value)
        LEFT JOIN {table} AS stored
          ON stored.plan_id = %(plan)s AND stored.item_id = posted.item_id
        WHERE posted.value <> COALESCE(stored.value, '')
        ON CONFLICT (plan_id, item_id)
        DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
    """  # noqa: S608 (the table name comes from the model, values are parameters)
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "plan": plan.pk,
                "now": timezone.now(),
                "items": [item.pk for item in values],
                "values": list(values.values()),
            },
        )
        stored = cursor.rowcount
    workspace_version.changed(Answer, plans=(plan,))  # raw SQL sends no signal
    return stored


@transaction.atomic
def save_step(plan, section, user, *, answers: dict, expected_revision, formset=None) -> int:
    """Save a step's answers ({item: cleaned value}, only the fields that were valid) and
    its list formset. Returns the number of changed answers; raises PlanConflict when
    someone else saved since `expected_revision`, and then saves nothing."""
    # The autosave runs this every few seconds, so no query is spent on what the
    # conditional UPDATE of the revision checks anyway (under the row lock it takes).
    if not can_edit(user, plan):  # the same rule as PlanQuerySet.editable_by
        raise PermissionDenied
    refuse_if_frozen(plan)
    values = {item: to_storage(value) for item, value in answers.items()}
    list_changed = formset is not None and formset.has_changed()
    # Claim first, then compare under the lock: the usual save changes something, and
    # this way comparing and storing is one statement.
    before = (plan.revision, plan.updated_by_id, plan.updated_at)
    claimed = _claimed(plan, user, expected_revision, still_editable=True)
    if not claimed and (list_changed or _any_answer_differs(plan, values)):
        _refuse_claim(plan, still_editable=True)
    changes = _store_answers(plan, values) if claimed else 0
    if not changes and not list_changed:
        # Nothing differs ('Opslaan' on an untouched step): the claim is undone, or the
        # other editors of the plan would see a conflict for nothing. An untouched step
        # on a page that is no longer the newest is not a conflict either.
        transaction.set_rollback(True)
        plan.revision, plan.updated_by_id, plan.updated_at = before
        return 0
    parts = []
    if changes:
        parts.append(
            ngettext("%(n)d antwoord gewijzigd", "%(n)d antwoorden gewijzigd", changes)
            % {"n": changes}
        )
    if list_changed:
        _save_list(plan, formset)
        parts.append(_("lijst bijgewerkt"))
    record_change(plan, user, ", ".join(parts), section=section, merge=True)
    workspace_version.raise_before_commit()  # the autosave's hot path: one commit less
    return changes


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
    ensure_editable(plan, user)
    if not load_progress(plan).is_complete:
        raise ValidationError(
            _("Het plan is nog niet compleet: beantwoord eerst alle verplichte vragen.")
        )
    _claim_revision(plan, user, None)
    plan.status = PlanStatus.DEFINITIVE
    plan.finalised_at = timezone.now()
    plan.save(update_fields=["status", "finalised_at", "updated_at"])
    record_change(plan, user, _("Plan definitief gemaakt"))


def _copy_contents(source, target) -> None:
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
    # The evaluation plan (issue 5) comes along, its indicators linked to the new sub-goals.
    copy_evaluation_plan(
        source,
        target,
        {old.pk: new.pk for old, new in zip(source_goals, target_goals, strict=True)},
    )
    Stakeholder.objects.bulk_create(
        Stakeholder(
            plan=target,
            name=s.name,
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
    # bulk_create sends no signal.
    workspace_version.changed(Answer, SubGoal, Stakeholder, AdoptedElement, plans=(target,))


@transaction.atomic
def new_version_from_definitive(plan, user) -> PlanOfApproach:
    """Editing a definitief plan: a new concept version; the definitief one stays as it is."""
    if not PlanOfApproach.objects.editable_by(user).filter(pk=plan.pk).exists():
        raise PermissionDenied
    if not plan.is_definitive:
        raise ValidationError(_("Alleen van een definitief plan maakt u een nieuwe versie."))
    if plan.next_versions.exists():
        raise ValidationError(_("Van deze versie bestaat al een nieuwere versie."))
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
    _copy_contents(plan, new)
    record_change(
        new, user, _("Versie %(n)d gemaakt op basis van de definitieve versie") % {"n": new.version}
    )
    return new


@transaction.atomic
def duplicate_plan(plan, user, title=None) -> PlanOfApproach:
    """Copy a plan the user may read (an own plan or a voorbeeldplan) into the user's own
    municipality, as a fresh concept that is shared with nobody."""
    if not user.is_editor:
        raise PermissionDenied
    if not PlanOfApproach.objects.visible_to(user).filter(pk=plan.pk).exists():
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
    _copy_contents(plan, copy)
    if plan.municipality_id == user.municipality_id:
        summary = _("Gekopieerd van ‘%(title)s’") % {"title": plan.title}
    else:
        summary = _("Gekopieerd van het voorbeeldplan ‘%(title)s’ van %(municipality)s") % {
            "title": plan.title,
            "municipality": plan.municipality.name,
        }
    record_change(copy, user, summary)
    return copy


def _ensure_owner_editor(plan, user):
    if not PlanOfApproach.objects.editable_by(user).filter(pk=plan.pk).exists():
        raise PermissionDenied


@transaction.atomic
def set_archived(plan, user, archived: bool) -> None:
    _ensure_owner_editor(plan, user)
    plan.is_archived = archived
    plan.save(update_fields=["is_archived"])
    record_change(plan, user, _("Plan gearchiveerd") if archived else _("Plan teruggehaald"))


@transaction.atomic
def set_sharing(plan, user, *, shared_with_ess=None, is_example_plan=None) -> None:
    _ensure_owner_editor(plan, user)
    summaries = []
    if shared_with_ess is not None and shared_with_ess != plan.shared_with_ess:
        plan.shared_with_ess = shared_with_ess
        summaries.append(
            _("Gedeeld met ESS") if shared_with_ess else _("Delen met ESS ingetrokken")
        )
    if is_example_plan is not None and is_example_plan != plan.is_example_plan:
        plan.is_example_plan = is_example_plan
        summaries.append(
            _("Gepubliceerd als voorbeeldplan")
            if is_example_plan
            else _("Voorbeeldplan ingetrokken")
        )
    if summaries:
        plan.save(update_fields=["shared_with_ess", "is_example_plan"])
        record_change(plan, user, ", ".join(summaries))


@transaction.atomic
def adopt_element(plan, user, element, note="") -> AdoptedElement:
    ensure_editable(plan, user)
    adopted, created = AdoptedElement.objects.update_or_create(
        plan=plan, element=element, defaults={"note": note}
    )
    _claim_revision(plan, user, None)
    summary = (
        _("Werkzaam element ‘%(title)s’ overgenomen")
        if created
        else _("Toelichting bij werkzaam element ‘%(title)s’ gewijzigd")
    )
    record_change(plan, user, summary % {"title": element.title})
    return adopted


@transaction.atomic
def remove_adopted_element(plan, user, element) -> None:
    ensure_editable(plan, user)
    deleted, _rows = AdoptedElement.objects.filter(plan=plan, element=element).delete()
    if deleted:
        _claim_revision(plan, user, None)
        record_change(
            plan, user, _("Werkzaam element ‘%(title)s’ verwijderd") % {"title": element.title}
        )
