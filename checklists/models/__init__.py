"""The models of the toolkit and the plans, one module per feature; Django and the rest
of the code import them from here (the open-forms layout)."""

from checklists.models.checklist import (
    AnswerKind,
    Checklist,
    ChecklistItem,
    ChecklistKind,
    ChecklistSection,
    ListKind,
)
from checklists.models.evaluation_plan import (
    EVALUATION_KINDS,
    EvaluationChecklistAnswer,
    EvaluationMethod,
    EvaluationMoment,
    Indicator,
    IndicatorSuggestion,
    Performer,
    PlannedEvaluation,
    Respondent,
)
from checklists.models.plan import (
    AdoptedElement,
    Answer,
    PlanChange,
    PlanOfApproach,
    PlanStatus,
    Stakeholder,
    StakeholderKind,
    SubGoal,
)
from checklists.models.programme_scan import (
    ProgrammeScan,
    ScanAnswer,
    ScanAnswerChoice,
    ScanPart,
    ScanQuestion,
)
from checklists.models.review import (
    PlanReview,
    PlanReviewOutcome,
    ReviewAnswer,
    ReviewerRole,
    ReviewVerdict,
)

__all__ = [
    "EVALUATION_KINDS",
    "AdoptedElement",
    "Answer",
    "AnswerKind",
    "Checklist",
    "ChecklistItem",
    "ChecklistKind",
    "ChecklistSection",
    "EvaluationChecklistAnswer",
    "EvaluationMethod",
    "EvaluationMoment",
    "Indicator",
    "IndicatorSuggestion",
    "ListKind",
    "Performer",
    "PlanChange",
    "PlanOfApproach",
    "PlanReview",
    "PlanReviewOutcome",
    "PlanStatus",
    "PlannedEvaluation",
    "ProgrammeScan",
    "Respondent",
    "ReviewAnswer",
    "ReviewVerdict",
    "ReviewerRole",
    "ScanAnswer",
    "ScanAnswerChoice",
    "ScanPart",
    "ScanQuestion",
    "Stakeholder",
    "StakeholderKind",
    "SubGoal",
]
