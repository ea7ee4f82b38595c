"""Shared machinery for curators' CSV/XLSX imports (evaluations and the catalogue).

What it adds to django-import-export:
- strict widgets: an unknown slug or choice is an error in Dutch, never silently dropped;
- a header check: a file with missing or unknown columns is refused as a whole;
- limits on size and rows, and a clear refusal of files that are not what they claim;
- errors keyed by the file's own column names, so a curator can find row and column.
All-or-nothing comes from IMPORT_EXPORT_USE_TRANSACTIONS (settings).
"""

from decimal import Decimal, InvalidOperation

from diff_match_patch import diff_match_patch
from django.core.exceptions import ValidationError
from django.utils.encoding import force_str
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import resources, widgets
from import_export.forms import ImportForm

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message is for the curator."""


class TextWidget(widgets.CharWidget):
    """Text columns: an empty spreadsheet cell is an empty text, surrounding spaces go."""

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        return str(value).strip()


class ChoiceWidget(widgets.CharWidget):
    """Accepts a choice's stored value or its Dutch label, in any case."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices

    def clean(self, value, row=None, **kwargs):
        text = (value or "").strip().lower()
        if not text:
            return ""
        for stored, label in self.choices.choices:
            if text in (str(stored).lower(), str(label).lower()):
                return stored
        allowed = ", ".join(str(stored) for stored in self.choices.values)
        raise ValueError(
            _("‘%(value)s’ is geen geldige waarde. Kies uit: %(allowed)s.")
            % {"value": value, "allowed": allowed}
        )


class WholeNumberWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number != number.to_integral_value():
            raise ValueError(_("‘%(value)s’ is geen heel getal.") % {"value": value}) from None
        return int(number)


class YesNoWidget(widgets.BooleanWidget):
    TRUE = {"1", "true", "ja", "waar", "yes", "j"}
    FALSE = {"", "0", "false", "nee", "onwaar", "no", "n"}

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValueError(_("‘%(value)s’ is geen ja of nee.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return "ja" if value else "nee"


class SlugForeignKeyWidget(widgets.ForeignKeyWidget):
    def __init__(self, model, field="slug", **kwargs):
        super().__init__(model, field=field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        key = (value or "").strip()
        if not key:
            return None
        try:
            return self.model.objects.get(**{self.field: key})
        except self.model.DoesNotExist:
            raise ValueError(
                _("Onbekende %(model)s: ‘%(key)s’.")
                % {"model": self.model._meta.verbose_name, "key": key}
            ) from None


class SlugManyToManyWidget(widgets.ManyToManyWidget):
    """Comma-separated natural keys; every key must exist."""

    def __init__(self, model, field="slug", required=False, **kwargs):
        super().__init__(model, separator=",", field=field, **kwargs)
        self.required = required

    def clean(self, value, row=None, **kwargs):
        keys = [k.strip() for k in str(value or "").split(self.separator) if k.strip()]
        if not keys:
            if self.required:
                raise ValueError(_("Vul minstens één waarde in."))
            return self.model.objects.none()
        found = self.model.objects.filter(**{f"{self.field}__in": keys})
        missing = sorted(set(keys) - {getattr(obj, self.field) for obj in found})
        if missing:
            raise ValueError(
                _("Onbekende %(model)s: %(keys)s.")
                % {"model": self.model._meta.verbose_name_plural, "keys": ", ".join(missing)}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ",".join(sorted(getattr(item, self.field) for item in value.all()))


class CspSafeDiff(resources.Diff):
    """The dry-run preview's diff without inline style attributes (our CSP blocks them)."""

    TAGS = {-1: "del", 0: "span", 1: "ins"}

    def as_html(self):
        cells = []
        dmp = diff_match_patch()
        for left, right in zip(self.left, self.right, strict=False):
            if left != right and self.new:
                left = ""
            diff = dmp.diff_main(force_str(left), force_str(right))
            dmp.diff_cleanupSemantic(diff)
            html = "".join(
                f"<{self.TAGS[op]}>{escape(text)}</{self.TAGS[op]}>" for op, text in diff
            )
            cells.append(mark_safe(html))  # noqa: S308 - every text part is escaped
        return cells


class CuratorResource(resources.ModelResource):
    """Base for all curator imports: strict columns, Dutch errors per column."""

    def get_diff_class(self):
        return CspSafeDiff

    def column_names(self) -> list[str]:
        """The columns a file must have."""
        return [f.column_name for f in self.get_import_fields() if not f.readonly]

    def check_headers(self, headers) -> None:
        headers = [str(h).strip() for h in (headers or []) if h is not None]
        expected = self.column_names()
        # Read-only columns (such as status) may stay in a re-imported export; ignored.
        optional = {f.column_name for f in self.get_import_fields() if f.readonly}
        missing = [c for c in expected if c not in headers]
        unknown = [h for h in headers if h not in expected and h not in optional]
        if missing or unknown:
            parts = []
            if missing:
                parts.append(_("ontbrekende kolommen: %s") % ", ".join(missing))
            if unknown:
                parts.append(_("onbekende kolommen: %s") % ", ".join(unknown))
            raise ImportFileError(
                _("De kolomkoppen kloppen niet (%(problems)s). Verwachte kolommen: %(expected)s.")
                % {"problems": "; ".join(parts), "expected": ", ".join(expected)}
            )

    def check_dataset(self, dataset) -> None:
        if not dataset.headers:
            raise ImportFileError(_("Het bestand is leeg: er staan geen kolomkoppen in."))
        self.check_headers(dataset.headers)
        if dataset.height == 0:
            raise ImportFileError(_("Het bestand bevat kolomkoppen maar geen rijen."))
        if dataset.height > MAX_IMPORT_ROWS:
            raise ImportFileError(
                _("Het bestand heeft %(rows)s rijen; het maximum is %(max)s. Splits het bestand.")
                % {"rows": dataset.height, "max": MAX_IMPORT_ROWS}
            )

    def import_data(self, dataset, **kwargs):
        # All or nothing: a row that fails validation rolls back the rows before it too.
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, **kwargs)

    def before_import(self, dataset, **kwargs):
        self.check_dataset(dataset)
        super().before_import(dataset, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        # The library skips many-to-many columns until after saving, where an error is a
        # crash instead of a message; check them here, with the other columns.
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget):
                try:
                    field.clean(row, **kwargs)
                except ValueError as exc:
                    errors[field.attribute] = ValidationError(str(exc), code="invalid")
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as exc:
            # Name the column as the curator wrote it in the file, not the model field.
            columns = {f.attribute: f.column_name for f in self.get_import_fields()}
            raise ValidationError(
                {columns.get(key, key): messages for key, messages in exc.message_dict.items()}
            ) from None


def check_upload(uploaded, input_format) -> bytes:
    """Refuse files that are empty, too big or not of the chosen format; return the bytes."""
    if uploaded.size == 0:
        raise ValidationError(_("Het bestand is leeg."))
    if uploaded.size > MAX_IMPORT_BYTES:
        raise ValidationError(
            _("Het bestand is groter dan %(mb)s MB. Splits het in kleinere bestanden.")
            % {"mb": MAX_IMPORT_BYTES // (1024 * 1024)}
        )
    data = b"".join(uploaded.chunks())
    uploaded.seek(0)
    if input_format.is_binary():
        # XLSX is a zip archive; anything else is not a spreadsheet we can read.
        if not data.startswith(b"PK\x03\x04"):
            raise ValidationError(_("Dit is geen geldig Excel-bestand (.xlsx)."))
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                _(
                    "Dit bestand is geen CSV-tekstbestand in UTF-8. Sla het in uw "
                    "spreadsheetprogramma op als ‘CSV UTF-8’ en probeer het opnieuw."
                )
            ) from None
        if "\x00" in text:
            raise ValidationError(_("Dit bestand is geen CSV-tekstbestand."))
    return data


class CuratorImportForm(ImportForm):
    """The admin's first import step, with the file checks above and a header check."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats
        self.resource_classes = resources
        self.fields["import_file"].label = gettext_lazy("Bestand om te importeren")
        self.fields["import_file"].help_text = gettext_lazy(
            "CSV (UTF-8) of XLSX, hoogstens 5 MB en 5.000 rijen."
        )

    def clean(self):
        cleaned = super().clean()
        uploaded = cleaned.get("import_file")
        fmt = cleaned.get("format")
        if uploaded is None or fmt in (None, ""):
            return cleaned
        input_format = self.formats[int(fmt)]()
        try:
            data = check_upload(uploaded, input_format)
            dataset = read_dataset(data, input_format)
            resource_class = self.resource_classes[int(cleaned.get("resource") or 0)]
            resource_class().check_dataset(dataset)
        except ValidationError as exc:
            self.add_error("import_file", exc)
        except ImportFileError as exc:
            self.add_error("import_file", str(exc))
        return cleaned


def read_dataset(data: bytes, input_format):
    if not input_format.is_binary():
        data = data.decode("utf-8-sig")
    try:
        return input_format.create_dataset(data)
    except Exception as exc:
        # tablib raises many kinds of errors on garbage; the curator needs one message.
        raise ValidationError(
            _("Het bestand kan niet worden gelezen als %(format)s.")
            % {"format": input_format.get_title()}
        ) from exc
