from django import forms
from django.utils.translation import gettext_lazy as _

from evaluations.models import Design, Kind
from interventions.models import InterventionType


class EvaluationFilterForm(forms.Form):
    """Filters of the public evaluation list. Field names are the Dutch URL parameters."""

    q = forms.CharField(label=_("Zoeken in evaluaties"), required=False, max_length=200)
    type = forms.ModelChoiceField(
        label=_("Interventietype"),
        queryset=InterventionType.objects.only("slug", "name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Alle typen"),
    )
    soort = forms.ChoiceField(
        label=_("Soort evaluatie"),
        choices=[("", _("Alle soorten")), *Kind.choices],
        required=False,
    )
    opzet = forms.ChoiceField(
        label=_("Onderzoeksopzet"),
        choices=[("", _("Alle opzetten")), *Design.choices],
        required=False,
    )
    jaar = forms.TypedChoiceField(label=_("Jaar"), coerce=int, required=False, empty_value=None)
    # Set by links from element, lesson and intervention pages; not shown as fields.
    element = forms.SlugField(required=False, widget=forms.HiddenInput)
    les = forms.SlugField(required=False, widget=forms.HiddenInput)
    interventie = forms.SlugField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [("", _("Alle jaren"))] + [(y, y) for y in years]
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "form-select"
            elif not field.widget.is_hidden:
                field.widget.attrs["class"] = "form-control"
            if name in self.errors:
                field.widget.attrs["aria-invalid"] = "true"
                field.widget.attrs["aria-describedby"] = f"id_{name}-fout"

    def filter(self, evaluations):
        """Apply the valid filters; an invalid one is reported by the form and ignored."""
        data = self.cleaned_data if self.is_bound else {}
        if data.get("type"):
            evaluations = evaluations.filter(types=data["type"])
        if data.get("soort"):
            evaluations = evaluations.filter(kind=data["soort"])
        if data.get("opzet"):
            evaluations = evaluations.filter(design=data["opzet"])
        if data.get("jaar"):
            evaluations = evaluations.filter(year=data["jaar"])
        if data.get("element"):
            evaluations = evaluations.filter(effective_elements__slug=data["element"])
        if data.get("les"):
            evaluations = evaluations.filter(lessons__slug=data["les"])
        if data.get("interventie"):
            evaluations = evaluations.filter(interventions__slug=data["interventie"])
        if data.get("q", "").strip():
            evaluations = evaluations.search(data["q"])
        return evaluations

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.cleaned_data.get(name) for name in self.fields)
