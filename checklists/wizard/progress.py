"""Completeness of a plan: which sections are complete and which required items are open.

One pure function computes it from data loaded in bulk, so the plan list (many plans)
and a wizard step (one plan) use the same rule with a fixed number of queries.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.expressions import ArraySubquery
from django.core.cache import cache
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from checklists.models import (
    Answer,
    ChecklistItem,
    ChecklistSection,
    ListKind,
    PlanOfApproach,
    Stakeholder,
    SubGoal,
)
from ebw_portal.common import content_version


@dataclass
class SectionProgress:
    section: ChecklistSection
    missing_items: list = field(default_factory=list)
    required_count: int = 0
    list_short_by: int = 0  # rows still needed in the section's list

    @property
    def units(self) -> int:
        return self.required_count + (1 if self.section.list_min_rows else 0)

    @property
    def units_done(self) -> int:
        done = self.required_count - len(self.missing_items)
        if self.section.list_min_rows and not self.list_short_by:
            done += 1
        return done

    @property
    def is_complete(self) -> bool:
        return not self.missing_items and not self.list_short_by


@dataclass
class PlanProgress:
    sections: list[SectionProgress]

    @property
    def percent(self) -> int:
        units = sum(s.units for s in self.sections)
        if not units:
            return 100
        return int(100 * sum(s.units_done for s in self.sections) / units)

    @property
    def is_complete(self) -> bool:
        return all(s.is_complete for s in self.sections)

    def for_section(self, section) -> SectionProgress | None:
        return next((s for s in self.sections if s.section.pk == section.pk), None)


def active_items_prefetch(prefix: str = "") -> Prefetch:
    return Prefetch(
        f"{prefix}items",
        queryset=ChecklistItem.objects.filter(is_active=True).order_by("order", "pk"),
        to_attr="active_items",
    )


# The questions change only when ESS edits them (that raises the public content version),
# while every wizard page and autosave needs them: kept per process under that version.
SECTIONS_TIMEOUT = 10 * 60


def sections_of(checklist_id) -> list[ChecklistSection]:
    """The checklist's sections with their active items (two queries, or none when kept).
    Each call gets its own copy, so a view may set attributes on them."""
    key = f"checklist-sections:{checklist_id}:{content_version.current()}"
    sections = cache.get(key)
    if sections is None:
        sections = list(
            ChecklistSection.objects.filter(checklist_id=checklist_id)
            .order_by("order", "pk")
            .prefetch_related(active_items_prefetch())
        )
        cache.set(key, sections, SECTIONS_TIMEOUT)
    return sections


def compute(sections, answered_item_ids: set, list_counts: dict) -> PlanProgress:
    result = []
    for section in sections:
        required = [item for item in section.active_items if item.required]
        missing = [item for item in required if item.pk not in answered_item_ids]
        rows = list_counts.get(section.list_kind, 0) if section.list_kind else 0
        short_by = max(section.list_min_rows - rows, 0) if section.list_kind else 0
        result.append(SectionProgress(section, missing, len(required), short_by))
    return PlanProgress(result)


def _count(model):
    return Coalesce(
        Subquery(
            model.objects.filter(plan=OuterRef("pk"))
            .order_by()
            .values("plan")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def with_progress_data(queryset):
    """Adds what `progress_of` needs to a PlanOfApproach queryset, in constant queries."""
    # The answered item ids as one array column: a page of 25 plans has about a thousand
    # answers, and turning each into a model instance cost more than the rest of the page.
    answered = Answer.objects.filter(plan=OuterRef("pk")).exclude(value="").values("item_id")
    return queryset.annotate(
        sub_goal_count=_count(SubGoal),
        stakeholder_count=_count(Stakeholder),
        answered_item_ids=ArraySubquery(answered),
    )


def progress_of(plan: PlanOfApproach, sections) -> PlanProgress:
    """Progress of a plan loaded through `with_progress_data`."""
    answered = set(plan.answered_item_ids)
    counts = {
        ListKind.SUB_GOALS: plan.sub_goal_count,
        ListKind.STAKEHOLDERS: plan.stakeholder_count,
    }
    return compute(sections, answered, counts)


def load_progress(plan: PlanOfApproach, sections=None) -> PlanProgress:
    """Progress of one plan (one query, plus two for the sections if not passed)."""
    if sections is None:
        sections = sections_of(plan.checklist_id)
    answered, sub_goals, stakeholders = (
        with_progress_data(PlanOfApproach.objects.filter(pk=plan.pk))
        .values_list("answered_item_ids", "sub_goal_count", "stakeholder_count")
        .get()
    )
    counts = {ListKind.SUB_GOALS: sub_goals, ListKind.STAKEHOLDERS: stakeholders}
    return compute(sections, set(answered), counts)
