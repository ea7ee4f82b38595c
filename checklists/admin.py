"""Admin for ESS: the toolkit's checklists are edited here and the wizard follows without
a code change. The features' own models are registered by their admin modules below."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from checklists.models import Checklist, ChecklistItem, ChecklistSection
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


# Each feature registers its own admin classes; Django's autodiscovery imports this module.
from checklists.evaluation_plan import admin as evaluation_plan_admin  # noqa: E402, F401
from checklists.programme_scan import admin as programme_scan_admin  # noqa: E402, F401
from checklists.reviews import admin as reviews_admin  # noqa: E402, F401
from checklists.wizard import admin as wizard_admin  # noqa: E402, F401
