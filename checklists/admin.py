"""Admin for ESS: the checklists are edited here and the wizard follows without a code
change. Plans are shown read-mostly, for support; municipalities edit them in the wizard."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from checklists.models import (
    AdoptedElement,
    Answer,
    Checklist,
    ChecklistItem,
    ChecklistSection,
    PlanChange,
    PlanOfApproach,
    Stakeholder,
    SubGoal,
)
from interventions.models import Theme


class ChecklistSectionForm(forms.ModelForm):
    # An ArrayField renders as comma-separated text by default; checkboxes are clearer.
    themes = forms.TypedMultipleChoiceField(
        label=_("thema's van de geleerde lessen"),
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ChecklistSection
        fields = [
            "checklist",
            "slug",
            "title",
            "intro",
            "themes",
            "list_kind",
            "list_min_rows",
            "offers_effective_elements",
            "order",
        ]


class ChecklistSectionInline(admin.TabularInline):
    model = ChecklistSection
    fields = ["order", "title", "slug"]
    show_change_link = True
    extra = 0


@admin.register(Checklist)
class ChecklistAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ChecklistSectionInline]


class ChecklistItemInline(admin.StackedInline):
    model = ChecklistItem
    fields = [
        ("order", "slug", "answer_kind", "required", "is_active"),
        "question",
        "help_text",
        "choices",
    ]
    extra = 0


@admin.register(ChecklistSection)
class ChecklistSectionAdmin(admin.ModelAdmin):
    form = ChecklistSectionForm
    list_display = ["title", "checklist", "order", "list_kind"]
    list_filter = ["checklist"]
    list_select_related = ["checklist"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ChecklistItemInline]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["question", "section", "answer_kind", "required", "is_active", "order"]
    list_filter = ["section__checklist", "section", "answer_kind", "required", "is_active"]
    list_select_related = ["section"]
    search_fields = ["question", "help_text"]


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
    list_display = ["created_at", "plan", "user", "section_title", "summary"]
    list_select_related = ["plan", "user"]

    def has_change_permission(self, request, obj=None):
        return False


# The evaluation-plan builder registers its own admin classes (issue 5).
from checklists import evaluation_admin  # noqa: E402, F401
