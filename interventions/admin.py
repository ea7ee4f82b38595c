"""Admin for the catalogue, for ESS curators.

Kept plain so the evaluations app can subclass these classes (e.g. to add
import/export) and re-register them.
"""

from django.contrib import admin

from interventions.models import (
    EffectiveElement,
    Intervention,
    InterventionType,
    LessonLearned,
    Source,
)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["citation", "url"]
    search_fields = ["citation", "url"]


@admin.register(InterventionType)
class InterventionTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "short_description", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sources"]


@admin.register(Intervention)
class InterventionAdmin(admin.ModelAdmin):
    list_display = ["name", "intervention_type", "prevention_level", "provider", "is_example"]
    list_filter = ["intervention_type", "prevention_level", "is_example"]
    list_select_related = ["intervention_type"]
    search_fields = ["name", "summary", "description", "target_group", "provider"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sources"]


@admin.register(EffectiveElement)
class EffectiveElementAdmin(admin.ModelAdmin):
    list_display = ["title", "aspect", "order"]
    list_filter = ["aspect", "types"]
    search_fields = ["title", "summary", "explanation"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["types", "interventions", "sources"]


@admin.register(LessonLearned)
class LessonLearnedAdmin(admin.ModelAdmin):
    list_display = ["title", "theme", "order"]
    list_filter = ["theme", "types"]
    search_fields = ["title", "summary", "explanation"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["types", "sources"]
