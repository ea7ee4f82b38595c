"""Admin behaviour shared by every model curators import and export."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX

from ebw_portal.common.imports import CuratorImportForm

#: What a spreadsheet may read as the start of a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class FormulaEscapingMixin:
    """Prefix risky cells with an apostrophe so a spreadsheet shows them as text.

    The library's own escaping (IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT) only strips a
    leading '='; '+', '-' and '@' also start formulas, and stripping changes the text.
    """

    def export_data(self, dataset, **kwargs):
        for index in range(dataset.height):
            dataset[index] = tuple(
                f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell
                for cell in dataset[index]
            )
        return dataset.export(self.get_title(), **kwargs)


class SafeCSV(FormulaEscapingMixin, CSV):
    pass


class SafeXLSX(FormulaEscapingMixin, XLSX):
    pass


class CuratorImportExportMixin(ImportExportMixin):
    """CSV and XLSX, Dutch file checks, and templates that work under our strict CSP."""

    import_formats = [CSV, XLSX]
    export_formats = [SafeCSV, SafeXLSX]
    import_form_class = CuratorImportForm
    import_template_name = "evaluations/admin/import.html"
    export_template_name = "evaluations/admin/export.html"
    import_error_display = ("message",)

    def process_result(self, result, request):
        # The data can change between dry run and confirm (another curator, a new
        # slug); then the import was rolled back and must not be reported as done.
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                _(
                    "De import is afgebroken: er is niets opgeslagen. De gegevens zijn "
                    "veranderd sinds de controle; upload het bestand opnieuw."
                ),
            )
            app_label, model_name = self.get_model_info()
            return HttpResponseRedirect(reverse(f"admin:{app_label}_{model_name}_import"))
        return super().process_result(result, request)

    def add_data_read_fail_error_to_form(self, form, e):
        form.add_error(
            "import_file",
            _("Het bestand kan niet worden gelezen. Kies het juiste formaat (CSV of XLSX)."),
        )
