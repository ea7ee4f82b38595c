"""Admin for the evaluation-plan builder: ESS curates the indicator library and the
programmascan's questions here.
Planned evaluations and plan reviews are shown for support.
(The three evaluation checklists are ordinary Checklist rows, edited in their admin.)"""

from django.contrib import admin

from checklists.evaluation_models import (
    EvaluationMoment,
    Indicator,
    IndicatorSuggestion,
    PlannedEvaluation,
)
from checklists.plan_review_models import PlanReview, ReviewAnswer
from checklists.programme_scan_models import ProgrammeScan, ScanQuestion


@admin.register(IndicatorSuggestion)
class IndicatorSuggestionAdmin(admin.ModelAdmin):
    list_display = ["name", "intervention_type", "instrument", "order", "is_active"]
    list_filter = ["intervention_type", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["name", "instrument", "explanation"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["intervention_type"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ["name", "sub_goal", "instrument", "target"]
    raw_id_fields = ["sub_goal"]
    extra = 0


class EvaluationMomentInline(admin.TabularInline):
    model = EvaluationMoment
    fields = ["label", "date"]
    extra = 0


@admin.register(PlannedEvaluation)
class PlannedEvaluationAdmin(admin.ModelAdmin):
    list_display = ["plan", "kind", "performed_by", "baseline_from_start", "provider_agreement"]
    list_filter = ["kind", "performed_by"]
    search_fields = ["plan__title", "plan__municipality__name"]
    raw_id_fields = ["plan"]
    list_select_related = ["plan"]
    inlines = [IndicatorInline, EvaluationMomentInline]


class ReviewAnswerInline(admin.TabularInline):
    model = ReviewAnswer
    fields = ["item", "verdict", "note"]
    raw_id_fields = ["item"]
    extra = 0


@admin.register(PlanReview)
class PlanReviewAdmin(admin.ModelAdmin):
    list_display = ["plan", "reviewer", "reviewer_role", "invited_at", "submitted_at"]
    list_filter = ["reviewer_role"]
    raw_id_fields = ["plan", "reviewer", "invited_by"]
    list_select_related = ["plan", "reviewer"]
    inlines = [ReviewAnswerInline]


@admin.register(ScanQuestion)
class ScanQuestionAdmin(admin.ModelAdmin):
    list_display = ["question", "part", "order", "is_active"]
    list_filter = ["part", "is_active"]
    list_editable = ["order", "is_active"]
    search_fields = ["question"]
    prepopulated_fields = {"slug": ["question"]}


@admin.register(ProgrammeScan)
class ProgrammeScanAdmin(admin.ModelAdmin):
    list_display = ["municipality", "year", "completed_at"]
    list_filter = ["year"]
    list_select_related = ["municipality"]
