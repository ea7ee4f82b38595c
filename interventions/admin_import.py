"""Import/export for the catalogue admin, added by the evidence base.

The catalogue's admin classes stay plain (interventions/admin.py); these subclasses add
CSV/XLSX import and export with the curator checks and re-register the models. Imported
from evaluations/admin.py, which Django's autodiscovery loads after interventions/admin.py.
"""

from django.contrib import admin

from evaluations.curation import CuratorImportExportMixin
from interventions.admin import EffectiveElementAdmin, InterventionAdmin, LessonLearnedAdmin
from interventions.models import EffectiveElement, Intervention, LessonLearned
from interventions.resources import (
    EffectiveElementResource,
    InterventionResource,
    LessonLearnedResource,
)


class InterventionImportExportAdmin(CuratorImportExportMixin, InterventionAdmin):
    resource_classes = [InterventionResource]


class EffectiveElementImportExportAdmin(CuratorImportExportMixin, EffectiveElementAdmin):
    resource_classes = [EffectiveElementResource]


class LessonLearnedImportExportAdmin(CuratorImportExportMixin, LessonLearnedAdmin):
    resource_classes = [LessonLearnedResource]


for model, model_admin in [
    (Intervention, InterventionImportExportAdmin),
    (EffectiveElement, EffectiveElementImportExportAdmin),
    (LessonLearned, LessonLearnedImportExportAdmin),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
