"""Everything the PDF template shows about one plan, loaded in a fixed number of queries.

The template only walks these objects; it never touches the ORM, so a plan with many
answers, sub-goals or adopted elements costs the same number of queries as a small one.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from checklists.evaluation_plan.readiness import (
    EvaluationPlan,
    ReadinessWarning,
    TimelineEntry,
    load_evaluation_plan,
    readiness_advice,
    readiness_warnings,
    timeline,
)
from checklists.models import (
    AdoptedElement,
    ChecklistItem,
    ChecklistSection,
    ListKind,
    PlanOfApproach,
)
from checklists.models.evaluation_plan import EVALUATION_KINDS
from checklists.wizard.answers import display
from checklists.wizard.progress import PlanProgress, SectionProgress, compute, sections_of
from checklists.wizard.sharing import Audience, stakeholder_entries
from evaluations.evidence import evidence_labels_for_elements
from interventions.models import Source, Theme


@dataclass
class QuestionAnswer:
    item: ChecklistItem
    answer: str

    @property
    def is_open(self) -> bool:
        return not self.answer


@dataclass
class AdoptedElementEntry:
    adopted: AdoptedElement
    evidence_label: str
    sources: list[Source]

    @property
    def element(self):
        return self.adopted.element


@dataclass
class SectionBlock:
    """One chapter of the document: a checklist section with what belongs to it."""

    number: int
    section: ChecklistSection
    questions: list[QuestionAnswer]
    progress: SectionProgress
    sub_goals: list | None = None
    stakeholders: list | None = None
    adopted_elements: list[AdoptedElementEntry] | None = None

    @property
    def anchor(self) -> str:
        return f"onderdeel-{self.section.slug}"

    @property
    def is_evaluation(self) -> bool:
        """The section the evaluation-plan builder extends with its plan."""
        return Theme.EVALUATION in (self.section.themes or [])

    @property
    def open_questions(self) -> list[QuestionAnswer]:
        return [qa for qa in self.questions if qa.is_open]


@dataclass
class PlanDocument:
    plan: PlanOfApproach
    sections: list[SectionBlock]
    progress: PlanProgress
    evaluation_plan: EvaluationPlan
    timeline: list[TimelineEntry]
    readiness_warnings: list[ReadinessWarning]
    readiness_advice: list[ReadinessWarning]
    # Lists no section of the checklist claims (ESS removed the list from its section):
    # shown as chapters of their own so nothing the team entered disappears.
    loose_sub_goals: list = field(default_factory=list)
    loose_stakeholders: list = field(default_factory=list)
    loose_adopted_elements: list[AdoptedElementEntry] = field(default_factory=list)
    # No section of the checklist is about evaluation: the evaluation plan gets a chapter.
    loose_evaluation_plan: bool = False

    @property
    def open_sections(self) -> list[SectionBlock]:
        """Sections with unanswered questions or a list that is still too short."""
        return [b for b in self.sections if b.open_questions or b.progress.list_short_by]

    @property
    def open_required_count(self) -> int:
        """Required questions still unanswered, plus lists that are still too short."""
        return sum(len(s.missing_items) + bool(s.list_short_by) for s in self.progress.sections)


def load_plan(pk: int) -> PlanOfApproach:
    return PlanOfApproach.objects.select_related(
        "municipality", "intervention_type", "intervention", "checklist"
    ).get(pk=pk)


def _adopted_entries(plan) -> list[AdoptedElementEntry]:
    adopted = list(
        plan.adopted_elements.select_related("element").prefetch_related(
            Prefetch("element__sources", queryset=Source.objects.order_by("citation"))
        )
    )
    # Uncached: this plan's own choice of elements; the PDF itself is cached per revision.
    adopted_ids = [a.element_id for a in adopted]
    labels = evidence_labels_for_elements(adopted_ids, cached=False) if adopted else {}
    return [
        AdoptedElementEntry(a, labels.get(a.element_id, ""), list(a.element.sources.all()))
        for a in adopted
    ]


def build_document(plan: PlanOfApproach, audience: Audience = Audience.TEAM) -> PlanDocument:
    """The document as `audience` sees it: for readers from outside the municipality
    without names of people, as on the plan's page (checklists.wizard.sharing)."""
    sections = sections_of(plan.checklist_id)
    stored = dict(plan.answers.values_list("item_id", "value"))
    sub_goals = list(plan.sub_goals.all())
    stakeholders = stakeholder_entries(plan.stakeholders.all(), audience)
    adopted = _adopted_entries(plan)
    evaluation_plan = load_evaluation_plan(plan, sub_goals)
    # The toolkit's order (plan, process, effect), which is also the order in time.
    kinds = [kind for kind, _label in EVALUATION_KINDS]
    evaluation_plan.evaluations.sort(key=lambda evaluation: kinds.index(evaluation.kind))

    answered = {item_id for item_id, value in stored.items() if value}
    progress = compute(
        sections,
        answered,
        {ListKind.SUB_GOALS: len(sub_goals), ListKind.STAKEHOLDERS: len(stakeholders)},
    )

    blocks = []
    for number, section in enumerate(sections, start=1):
        questions = [
            QuestionAnswer(item, display(item, stored.get(item.pk, "")))
            for item in section.active_items
        ]
        blocks.append(
            SectionBlock(
                number=number,
                section=section,
                questions=questions,
                progress=progress.for_section(section),
                sub_goals=sub_goals if section.list_kind == ListKind.SUB_GOALS else None,
                stakeholders=(stakeholders if section.list_kind == ListKind.STAKEHOLDERS else None),
            )
        )
    offering = next((b for b in blocks if b.section.offers_effective_elements), None)
    if offering:
        offering.adopted_elements = adopted
    list_kinds = {section.list_kind for section in sections}
    return PlanDocument(
        plan=plan,
        sections=blocks,
        progress=progress,
        evaluation_plan=evaluation_plan,
        timeline=timeline(evaluation_plan),
        readiness_warnings=readiness_warnings(plan, evaluation_plan),
        readiness_advice=readiness_advice(plan, evaluation_plan),
        loose_sub_goals=sub_goals if ListKind.SUB_GOALS not in list_kinds else [],
        loose_stakeholders=stakeholders if ListKind.STAKEHOLDERS not in list_kinds else [],
        loose_adopted_elements=adopted if offering is None else [],
        loose_evaluation_plan=not any(block.is_evaluation for block in blocks),
    )
