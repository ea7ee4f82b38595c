"""Admin for the catalogue, for ESS curators, with CSV/XLSX import and export under the
curators' checks (ebw_portal.common.curation)."""

from django import forms
from django.contrib import admin

from ebw_portal.common.curation import CuratorImportExportMixin
from interventions.models import (
    SOURCE_REQUIRED_MESSAGE,
    EffectiveElement,
    Intervention,
    InterventionType,
    LessonLearned,
    Source,
    has_complete_source,
)
from interventions.resources import (
    EffectiveElementResource,
    InterventionResource,
    LessonLearnedResource,
)


class SourcedForm(forms.ModelForm):
    """A catalogue item is saved only with a source that names title, publisher and year.

    Checked on the form: the chosen sources are in cleaned_data before save_related
    writes the many-to-many, so nothing is saved half."""

    def clean(self):
        cleaned = super().clean()
        if "sources" in self.fields and not has_complete_source(cleaned.get("sources") or []):
            self.add_error("sources", SOURCE_REQUIRED_MESSAGE)
        return cleaned


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["citation", "title", "publisher", "year", "url"]
    list_filter = ["year"]
    search_fields = ["citation", "title", "publisher", "url"]


@admin.register(InterventionType)
class InterventionTypeAdmin(admin.ModelAdmin):
    form = SourcedForm
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "short_description", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sources"]


@admin.register(Intervention)
class InterventionAdmin(CuratorImportExportMixin, admin.ModelAdmin):
    form = SourcedForm
    resource_classes = [InterventionResource]
    list_display = ["name", "intervention_type", "prevention_level", "provider", "is_example"]
    list_filter = ["intervention_type", "prevention_level", "is_example"]
    list_select_related = ["intervention_type"]
    search_fields = ["name", "summary", "description", "target_group", "provider"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sources"]


@admin.register(EffectiveElement)
class EffectiveElementAdmin(CuratorImportExportMixin, admin.ModelAdmin):
    form = SourcedForm
    resource_classes = [EffectiveElementResource]
    list_display = ["title", "aspect", "order"]
    list_filter = ["aspect", "types"]
    search_fields = ["title", "summary", "explanation"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["types", "interventions", "sources"]


@admin.register(LessonLearned)
class LessonLearnedAdmin(CuratorImportExportMixin, admin.ModelAdmin):
    form = SourcedForm
    resource_classes = [LessonLearnedResource]
    list_display = ["title", "theme", "order"]
    list_filter = ["theme", "types"]
    search_fields = ["title", "summary", "explanation"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["types", "sources"]
