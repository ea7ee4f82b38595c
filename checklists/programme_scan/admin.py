"""ESS curates the programmascan's questions here; scans are shown for support."""

from django.contrib import admin

from checklists.models import ProgrammeScan, ScanQuestion


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
