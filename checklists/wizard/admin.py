"""Plans of approach in the admin: shown read-mostly, for support; municipalities edit
them in the wizard."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from checklists.models import (
    AdoptedElement,
    Answer,
    PlanChange,
    PlanOfApproach,
    Stakeholder,
    SubGoal,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AnswerInline(ReadOnlyInline):
    model = Answer
    fields = ["item", "value"]


class SubGoalInline(ReadOnlyInline):
    model = SubGoal
    fields = ["description", "indicator", "target_value", "deadline"]


class StakeholderInline(ReadOnlyInline):
    model = Stakeholder
    fields = ["name", "kind", "role", "responsibility"]


class AdoptedElementInline(ReadOnlyInline):
    model = AdoptedElement
    fields = ["element", "note"]


@admin.register(PlanOfApproach)
class PlanOfApproachAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "municipality",
        "status",
        "version",
        "shared_with_ess",
        "is_example_plan",
        "is_archived",
        "updated_at",
    ]
    list_filter = ["status", "shared_with_ess", "is_example_plan", "is_archived", "municipality"]
    list_select_related = ["municipality"]
    search_fields = ["title"]
    readonly_fields = [
        "revision",
        "created_by",
        "updated_by",
        "created_at",
        "updated_at",
        "finalised_at",
        "previous_version",
    ]
    inlines = [AnswerInline, SubGoalInline, StakeholderInline, AdoptedElementInline]


@admin.register(PlanChange)
class PlanChangeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "plan", "user", "section_title", "sentence"]
    list_select_related = ["plan", "user"]

    @admin.display(description=_("wijziging"))
    def sentence(self, change):
        """The line in the reader's language (checklists/history.py)."""
        return change.description

    def has_change_permission(self, request, obj=None):
        return False
