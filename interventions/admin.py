"""Admin for the catalogue, for ESS curators, with CSV/XLSX import and export under the
curators' checks (ebw_portal.common.curation)."""

from django.contrib import admin

from ebw_portal.common.curation import CuratorImportExportMixin
from interventions.models import (
    EffectiveElement,
    Intervention,
    InterventionType,
    LessonLearned,
    Source,
)
from interventions.resources import (
    EffectiveElementResource,
    InterventionResource,
    LessonLearnedResource,
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
class InterventionAdmin(CuratorImportExportMixin, admin.ModelAdmin):
    resource_classes = [InterventionResource]
    list_display = ["name", "intervention_type", "prevention_level", "provider", "is_example"]
    list_filter = ["intervention_type", "prevention_level", "is_example"]
    list_select_related = ["intervention_type"]
    search_fields = ["name", "summary", "description", "target_group", "provider"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sources"]


@admin.register(EffectiveElement)
class EffectiveElementAdmin(CuratorImportExportMixin, admin.ModelAdmin):
    resource_classes = [EffectiveElementResource]
    list_display = ["title", "aspect", "order"]
    list_filter = ["aspect", "types"]
    search_fields = ["title", "summary", "explanation"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["types", "interventions", "sources"]


@admin.register(LessonLearned)
class LessonLearnedAdmin(CuratorImportExportMixin, admin.ModelAdmin):
    resource_classes = [LessonLearnedResource]
    list_display = ["title", "theme", "order"]
    list_filter = ["theme", "types"]
    search_fields = ["title", "summary", "explanation"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["types", "sources"]
