"""Admin behaviour shared by every model curators import and export."""

from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX

from evaluations.imports import CuratorImportForm


class CuratorImportExportMixin(ImportExportMixin):
    """CSV and XLSX, Dutch file checks, and templates that work under our strict CSP."""

    formats = [CSV, XLSX]
    import_form_class = CuratorImportForm
    import_template_name = "evaluations/admin/import.html"
    export_template_name = "evaluations/admin/export.html"
    import_error_display = ("message",)

    def add_data_read_fail_error_to_form(self, form, e):
        form.add_error(
            "import_file",
            _("Het bestand kan niet worden gelezen. Kies het juiste formaat (CSV of XLSX)."),
        )
