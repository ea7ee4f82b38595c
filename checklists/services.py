"""Operations on plans that touch several models. Views call these; they never write
plans themselves, so history and optimistic locking cannot be forgotten."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
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
    if merge:
        now = timezone.now()
        stretch = PlanChange.objects.filter(
            plan=plan, user=user, section=section, created_at__gte=now - HISTORY_MERGE_WINDOW
        )
        if section is None:
            # Lines without a section come from many kinds of change: merge only the same
            # kind ("Gegevens van het plan gewijzigd", one evaluation's changes), so that
            # "Plan aangemaakt" or another evaluation's line is never overwritten.
            stretch = stretch.filter(summary=summary)
        # A merged line is only written here, and a new one only when none is in the
        # window, so the window holds at most one: one plain UPDATE renews it. The
        # autosave runs this every few seconds.
        if stretch.update(summary=summary, created_at=now):
            workspace_version.changed(PlanChange, plans=(plan,))  # update() sends no signal
            return
    PlanChange.objects.create(
        plan=plan,
        user=user,
        section=section,
        section_title=section.title if section else "",
        summary=summary,
    )


def _claim_revision(plan, user, expected_revision: int | None, still_editable=False) -> int:
    """Raise the plan's revision, but only if nobody else saved since `expected_revision`
    (None: no check, for actions that do not come from an edit form).

    One save by the same user in between is accepted: that is the user's own autosave,
    still on its way back to the page when the user pressed 'Opslaan'.

    `still_editable`: also only if the plan is still a concept of the user's own
    municipality; the UPDATE checks that under the row lock it takes.

    Returns the revision it replaced."""
    now = timezone.now()
    rows = PlanOfApproach.objects.filter(pk=plan.pk)
    if still_editable:
        rows = rows.filter(
            municipality_id=user.municipality_id, status=PlanStatus.CONCEPT, is_archived=False
        )
    claim = {"revision": F("revision") + 1, "updated_by": user, "updated_at": now}
    if expected_revision is None:
        rows.update(**claim)
        workspace_version.changed(PlanOfApproach, plans=(plan,))  # update(): no signal
        plan.refresh_from_db(fields=["revision", "updated_by", "updated_at"])
        return plan.revision - 1
    # The conditional UPDATE guarantees the new revision, so the plan is not read back.
    # Tried in two steps (the common case first) to know which revision it replaced.
    for seen, condition in (
        (expected_revision, Q()),
        (expected_revision + 1, Q(updated_by=user)),
    ):
        if rows.filter(condition, revision=seen).update(**claim):
            workspace_version.changed(PlanOfApproach, plans=(plan,))
            plan.revision, plan.updated_by, plan.updated_at = seen + 1, user, now
            return seen
    plan.refresh_from_db()
    if still_editable:
        refuse_if_frozen(plan)
    raise PlanConflict(plan)


def refuse_if_frozen(plan) -> None:
    if not plan.accepts_changes:
        raise ValidationError(
            _("Dit plan is definitief of gearchiveerd en kan niet worden gewijzigd.")
        )


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


def _changed_answers(plan, answers: dict) -> dict:
    """{item: value to store} for the answers that differ from the stored ones."""
    stored = dict(plan.answers.filter(item__in=list(answers)).values_list("item_id", "value"))
    return {
        item: value
        for item, value in ((item, to_storage(value)) for item, value in answers.items())
        if stored.get(item.pk, "") != value
    }


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
    changes = _changed_answers(plan, answers)
    list_changed = formset is not None and formset.has_changed()
    if not changes and not list_changed:
        return 0
    if _claim_revision(plan, user, expected_revision, still_editable=True) != expected_revision:
        # The user's own save came in between (an autosave and a submit of the same page
        # at the same moment): compare again, now under the claim's row lock.
        changes = _changed_answers(plan, answers)
    if changes:
        # An autosave and a submit of the same page can arrive at the same moment; both
        # may see "no answer yet". INSERT ... ON CONFLICT lets the later one update the
        # answer the earlier one inserted (the row lock of the claim orders them).
        Answer.objects.bulk_create(
            [Answer(plan=plan, item=item, value=stored) for item, stored in changes.items()],
            update_conflicts=True,
            unique_fields=["plan", "item"],
            update_fields=["value", "updated_at"],
        )
        workspace_version.changed(Answer, plans=(plan,))  # bulk_create sends no signal
    parts = []
    if changes:
        parts.append(
            ngettext("%(n)d antwoord gewijzigd", "%(n)d antwoorden gewijzigd", len(changes))
            % {"n": len(changes)}
        )
    if list_changed:
        _save_list(plan, formset)
        parts.append(_("lijst bijgewerkt"))
    if parts:  # none only if the user's own save in between already stored it all
        record_change(plan, user, ", ".join(parts), section=section, merge=True)
    workspace_version.raise_before_commit()  # the autosave's hot path: one commit less
    return len(changes)


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
