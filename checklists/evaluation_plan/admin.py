"""Admin for the evaluation-plan builder: ESS curates the indicator library here;
planned evaluations are shown for support. (The three evaluation checklists are
ordinary Checklist rows, edited in their admin.)"""

from django.contrib import admin

from checklists.models.evaluation_plan import (
    EvaluationMoment,
    Indicator,
    IndicatorSuggestion,
    PlannedEvaluation,
)


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
