"""Plan reviews in the admin, shown for support."""

from django.contrib import admin

from checklists.models import PlanReview, ReviewAnswer


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
